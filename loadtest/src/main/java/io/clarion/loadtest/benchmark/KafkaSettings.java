package io.clarion.loadtest.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer and consumer settings of {@code io.clarion.dispatcher.kafka.ReactorKafkaStreams}, kept
 * equal by hand (that class is package-private): idempotent producer, {@code acks=all}, 5 ms linger, 64 KiB
 * batches, lz4; consumer without auto-commit, 1000 records per poll, from the earliest offset. Records
 * are delivery-sized ({@value #RECORD_BYTES} bytes) and keyed by recipient, on {@value #PARTITIONS}
 * partitions like {@code clarion.deliveries}.
 */
final class KafkaSettings {
    static final int RECORD_BYTES = 600;
    static final int PARTITIONS = 6;
    static final String VALUE = delivery();

    private KafkaSettings() {
    }

    static Map<String, Object> producer(String bootstrap) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    }

    static Map<String, Object> consumer(String bootstrap, String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    static void createTopic(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating topic " + topic + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /** A delivery-record-like JSON value, padded to exactly {@value #RECORD_BYTES} bytes. */
    private static String delivery() {
        String head = "{\"broadcastId\":\"00000000-0000-0000-0000-000000000001\",\"incidentId\":\"INC-BENCH\","
                + "\"version\":1,\"channel\":\"webhook\",\"pad\":\"";
        return head + "x".repeat(RECORD_BYTES - head.length() - 2) + "\"}";
    }

    static String key(int i) {
        return "bench-" + i;
    }
}
