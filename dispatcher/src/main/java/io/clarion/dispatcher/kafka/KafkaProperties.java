package io.clarion.dispatcher.kafka;

import java.time.Duration;
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
 * @param partitions            partitions of each topic created at start
 * @param replicationFactor     replicas of each topic created at start
 * @param groupId               consumer group prefix: {@code <groupId>.expand}, {@code <groupId>.deliver} and
 *                              {@code <groupId>.deliver.urgent}
 * @param commitInterval        how often acknowledged offsets are committed
 * @param maxDeferredCommits    records consumed and not yet committable (in flight, or acknowledged behind one
 *                              that is not) before the consumer pauses; it resumes at half
 */
@ConfigurationProperties("clarion.kafka")
public record KafkaProperties(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                              @DefaultValue("clarion.broadcasts") String broadcastsTopic,
                              @DefaultValue("clarion.deliveries") String deliveriesTopic,
                              @DefaultValue("clarion.deliveries.retry") String retryTopic,
                              @DefaultValue("clarion.deliveries.dlq") String deadLetterTopic,
                              @DefaultValue("6") int partitions,
                              @DefaultValue("1") short replicationFactor,
                              @DefaultValue("clarion-dispatcher") String groupId,
                              @DefaultValue("200ms") Duration commitInterval,
                              @DefaultValue("20000") int maxDeferredCommits,
                              String urgentDeliveriesTopic) {
    public KafkaProperties {
        urgentDeliveriesTopic = urgentDeliveriesTopic == null ? deliveriesTopic + ".urgent" : urgentDeliveriesTopic;
        if (partitions < 1) {
            throw new IllegalArgumentException("clarion.kafka.partitions: " + partitions + " (expected: > 0)");
        }
    }
}
