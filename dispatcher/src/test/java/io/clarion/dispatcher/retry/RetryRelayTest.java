package io.clarion.dispatcher.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.dispatcher.kafka.DeadLettersAccess;
import io.clarion.dispatcher.kafka.FakeRecordStreams;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.priority.UrgencyAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** The retry relay over a fake retry topic, on virtual time. */
class RetryRelayTest {
    private static final KafkaProperties KAFKA = new KafkaProperties("unused:9092", "b", "d", "r", "dlq", "n", 1,
            (short) 1, "g", Duration.ofMillis(200), 100, Map.of(), "d.urgent");
    private static final RetryProperties PROPERTIES = new RetryProperties(List.of(Duration.ofSeconds(5)),
            Duration.ofSeconds(1), Duration.ofMinutes(5), 8, 100);

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeRecordStreams streams = new FakeRecordStreams();
    private final RetryRelay relay = new RetryRelay(streams, DeadLettersAccess.create(streams, KAFKA), KAFKA,
            PROPERTIES, json, new RetryMetrics(new SimpleMeterRegistry()), UrgencyAccess.create(KAFKA), Clock.systemUTC());

    @Test
    void aRetryIsRepublishedToItsDeliveriesTopicOnlyWhenDueAndThenAcknowledged() {
        offer(job("r-bulk", "SEV3"), Duration.ofMinutes(5));
        offer(job("r-urgent", "SEV1"), Duration.ofMinutes(1));

        StepVerifier.withVirtualTime(() -> relay.run(Sinks.empty().asMono().then()))
                .thenAwait(Duration.ofSeconds(50))
                .then(() -> assertThat(streams.published("d.urgent")).isEmpty())
                .thenAwait(Duration.ofSeconds(20))
                .then(() -> {
                    assertThat(streams.published("d.urgent")).singleElement()
                            .satisfies(record -> assertThat(record.key()).isEqualTo("tenant/r-urgent"));
                    assertThat(streams.published("d")).isEmpty();
                    assertThat(streams.acknowledged()).hasSize(1);
                })
                .thenAwait(Duration.ofMinutes(5))
                .verifyComplete();

        assertThat(streams.published("d")).singleElement().satisfies(record -> {
            assertThat(record.key()).as("keyed by tenant and recipient").isEqualTo("tenant/r-bulk");
            assertThat(json.readValue(record.value(), DeliveryJob.class).attempt()).isEqualTo(2);
        });
        assertThat(streams.acknowledged()).hasSize(2);
    }

    @Test
    void aStoppedRelayAbandonsItsWaitsUnacknowledged() {
        offer(job("r-later", "SEV3"), Duration.ofHours(1));
        Sinks.Empty<Void> stop = Sinks.empty();

        StepVerifier.withVirtualTime(() -> relay.run(stop.asMono()))
                .thenAwait(Duration.ofMinutes(1))
                .then(stop::tryEmitEmpty)
                .verifyComplete();

        assertThat(streams.published("d")).isEmpty();
        assertThat(streams.acknowledged()).isEmpty();
    }

    @Test
    void anUnreadableRetryIsParkedAndAcknowledged() {
        streams.offer(KAFKA.retryTopic(), "k", "not json");

        StepVerifier.create(relay.run(Sinks.empty().asMono().then())).verifyComplete();

        assertThat(streams.published(KAFKA.deadLetterTopic())).hasSize(1);
        assertThat(streams.acknowledged()).hasSize(1);
    }

    private void offer(DeliveryJob job, Duration dueIn) {
        RetryRecord retry = new RetryRecord(job.nextAttempt(), Instant.now().plus(dueIn), "http 503");
        streams.offer(KAFKA.retryTopic(), job.recipientId(), json.writeValueAsString(retry));
    }

    private static DeliveryJob job(String recipient, String severity) {
        return new DeliveryJob("00000000-0000-0000-0000-000000000004", "INC-RETRY", 1, recipient, Channel.WEBHOOK,
                new UpdateContent(severity, "identified", "t", "b"), "http://127.0.0.1:1/hook", "s", "tenant");
    }
}
