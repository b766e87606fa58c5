package io.clarion.dispatcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Consuming through {@link ReactorKafkaStreams} against the real broker: acknowledgements in any order
 * commit only up to the oldest record not yet acknowledged, and a record held at the head stops the
 * consumer once {@code max-deferred-commits} records are waiting behind it, until it is acknowledged.
 */
@ExtendWith(DevStackExtension.class)
class ReactorKafkaStreamsTest {
    private static final int RECORDS = 10_000;
    private static final int MAX_PENDING = 100;

    private DevStack stack;
    private String topic;
    private String group;
    private ReactorKafkaStreams streams;
    private Disposable consuming;

    @BeforeEach
    void start(DevStack devStack) throws Exception {
        stack = devStack;
        topic = stack.newNamespace("streams").topic("streams");
        group = topic + ".group";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        streams = new ReactorKafkaStreams(new KafkaProperties(stack.kafkaBootstrap(), "b", "d", "d.retry", "d.dlq", "n", 1,
                (short) 1, "g", Duration.ofMillis(100), MAX_PENDING, Map.of(), null));
        streams.publish(topic, Flux.range(0, RECORDS).map(i -> Map.entry("k" + i, "v" + i))).block(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (consuming != null) {
            consuming.dispose();
        }
        streams.destroy();
    }

    @Test
    void aRecordHeldAtTheHeadHoldsTheCommitAndPausesTheConsumerUntilItIsAcknowledged() throws Exception {
        List<InboundRecord> received = new CopyOnWriteArrayList<>();
        consuming = streams.consume(topic, group).subscribe(record -> {
            received.add(record);
            if (record.offset() != 0) {
                record.acknowledge();
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() > MAX_PENDING);
        Thread.sleep(2_000);
        int whilePaused = received.size();
        Thread.sleep(1_000);

        // the bound is soft by what was already polled (up to 1,000 records a poll, one poll ahead), never the topic
        assertThat(received).hasSize(whilePaused);
        assertThat(whilePaused).isLessThan(RECORDS);
        assertThat(committed()).isNull();

        received.get(0).acknowledge();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(received).hasSize(RECORDS);
            assertThat(committed()).isNotNull().extracting(OffsetAndMetadata::offset).isEqualTo((long) RECORDS);
        });
        assertThat(received).extracting(InboundRecord::offset).doesNotHaveDuplicates();
    }

    private OffsetAndMetadata committed() throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
    }
}
