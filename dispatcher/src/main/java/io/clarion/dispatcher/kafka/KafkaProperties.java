package io.clarion.dispatcher.kafka;

import io.clarion.core.secret.Masked;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of the dispatcher. Partition counts apply when a topic is created at start; they cap
 * how many dispatchers share the work (one partition is read by one dispatcher of a group).
 *
 * @param bootstrapServers      the brokers, {@code host:port,...}
 * @param broadcastsTopic       accepted broadcasts (key: incident id)
 * @param deliveriesTopic       one record per (recipient, channel) (key: recipient id)
 * @param urgentDeliveriesTopic the same for urgent updates (see {@code clarion.priority}), consumed ahead of bulk;
 *                              {@code <deliveriesTopic>.urgent} unless set
 * @param retryTopic            deliveries waiting to be tried again, with their due time (key: recipient id)
 * @param deadLetterTopic       records that could not be processed, with the error in headers
 * @param noticesTopic          transactional emails that are not incident updates (a subscriber's confirmation
 *                              request), written by the gateway's outbox (key: tenant/recipient)
 * @param partitions            partitions of each topic created at start; caps the dispatchers sharing the work
 * @param replicationFactor     replicas of each topic created at start
 * @param groupId               consumer group prefix: {@code <groupId>.expand}, {@code <groupId>.deliver},
 *                              {@code <groupId>.deliver.urgent}, {@code <groupId>.retry} and {@code <groupId>.notices}
 * @param commitInterval        how often acknowledged offsets are committed
 * @param maxDeferredCommits    records consumed and not yet committable (in flight, or acknowledged behind one
 *                              that is not) before the consumer pauses; it resumes at half
 * @param properties            kafka-clients properties given to every client the dispatcher creates (producer,
 *                              consumers, the topic provisioner's and the health check's admin clients), e.g.
 *                              {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config},
 *                              {@code ssl.truststore.location}: TLS and SASL. Clarion's own settings of a client
 *                              (bootstrap servers, acks, idempotence, auto-commit off, ...) win over them. Secret
 *                              values are masked in {@link #toString()}.
 */
@ConfigurationProperties("clarion.kafka")
public record KafkaProperties(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                              @DefaultValue("clarion.broadcasts") String broadcastsTopic,
                              @DefaultValue("clarion.deliveries") String deliveriesTopic,
                              @DefaultValue("clarion.deliveries.retry") String retryTopic,
                              @DefaultValue("clarion.deliveries.dlq") String deadLetterTopic,
                              @DefaultValue("clarion.notices") String noticesTopic,
                              @DefaultValue("6") int partitions,
                              @DefaultValue("1") short replicationFactor,
                              @DefaultValue("clarion-dispatcher") String groupId,
                              @DefaultValue("200ms") Duration commitInterval,
                              @DefaultValue("20000") int maxDeferredCommits,
                              @DefaultValue Map<String, String> properties,
                              String urgentDeliveriesTopic) {
    public KafkaProperties {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        urgentDeliveriesTopic = urgentDeliveriesTopic == null ? deliveriesTopic + ".urgent" : urgentDeliveriesTopic;
        if (partitions < 1) {
            throw new IllegalArgumentException("clarion.kafka.partitions: " + partitions + " (expected: > 0)");
        }
    }

    /** One client's configuration: {@link #properties()} with Clarion's own settings of that client over them. */
    public Map<String, Object> clientConfig(Map<String, Object> clarionSettings) {
        Map<String, Object> config = new HashMap<>(properties);
        config.putAll(clarionSettings);
        return config;
    }

    @Override
    public String toString() {
        return "KafkaProperties[bootstrapServers=" + bootstrapServers + ", broadcastsTopic=" + broadcastsTopic
                + ", deliveriesTopic=" + deliveriesTopic + ", urgentDeliveriesTopic=" + urgentDeliveriesTopic + ", retryTopic=" + retryTopic + ", deadLetterTopic="
                + deadLetterTopic + ", noticesTopic=" + noticesTopic + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor
                + ", groupId=" + groupId + ", commitInterval=" + commitInterval + ", maxDeferredCommits="
                + maxDeferredCommits + ", properties=" + Masked.properties(properties) + "]";
    }
}
