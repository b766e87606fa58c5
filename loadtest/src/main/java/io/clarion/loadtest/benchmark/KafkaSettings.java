package io.clarion.loadtest.benchmark;

import io.clarion.dispatcher.kafka.KafkaClientSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The dispatcher's producer and consumer settings ({@link KafkaClientSettings}), the same ones
 * {@code ReactorKafkaStreams} uses. Records
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
        return KafkaClientSettings.producer(bootstrap);
    }

    static Map<String, Object> consumer(String bootstrap, String group) {
        return KafkaClientSettings.consumer(bootstrap, group);
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
