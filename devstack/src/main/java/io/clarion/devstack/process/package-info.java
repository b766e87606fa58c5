/**
 * Running local server processes for devstack: launching a child process with its output in a
 * log file, waiting until it is ready, stopping it gracefully or like {@code kill -9}, free
 * loopback ports and throw-away work directories. Shared by the Kafka, PostgreSQL and Redis
 * launchers; not meant for other modules.
 */
package io.clarion.devstack.process;
