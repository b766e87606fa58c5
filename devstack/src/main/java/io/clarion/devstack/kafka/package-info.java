/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) run as a
 * child JVM from the Kafka jars on the classpath.
 */
package io.clarion.devstack.kafka;
