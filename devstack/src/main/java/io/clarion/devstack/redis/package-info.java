/** A real Redis server from the {@code redis-server} binary shipped in the embedded-redis jar. */
package io.clarion.devstack.redis;
