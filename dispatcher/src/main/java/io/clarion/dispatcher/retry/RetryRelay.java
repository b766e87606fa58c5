package io.clarion.dispatcher.retry;

import io.clarion.dispatcher.kafka.DeadLetters;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.RecordStreams;
import io.clarion.dispatcher.priority.Urgency;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings retries back when they are due: {@code read → waitUntilDue → republish → acknowledge}. A retry
 * record is acknowledged only after its delivery is back on the deliveries topic, so a crash at any point
 * brings it back again (at least once; the delivery's claim keeps it from being sent twice). At most
 * {@code clarion.retry.max-waiting} retries wait in memory; beyond that the retry consumer is
 * back-pressured. On stop, waits are abandoned unacknowledged: another dispatcher (or the next start)
 * picks them up from the committed offsets.
 */
@Component
public class RetryRelay {
    private final RecordStreams streams;
    private final DeadLetters deadLetters;
    private final KafkaProperties kafka;
    private final RetryProperties properties;
    private final JsonMapper json;
    private final RetryMetrics metrics;
    private final Urgency urgency;
    private final Clock clock;

    RetryRelay(RecordStreams streams, DeadLetters deadLetters, KafkaProperties kafka, RetryProperties properties,
               JsonMapper json, RetryMetrics metrics, Urgency urgency, Clock clock) {
        this.clock = clock;
        this.metrics = metrics;
        this.urgency = urgency;
        this.streams = streams;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.properties = properties;
        this.json = json;
    }

    /** Relays retries until {@code stop} emits or completes. */
    public Flux<Void> run(Mono<Void> stop) {
        return streams.consume(kafka.retryTopic(), kafka.groupId() + ".retry")
                .takeUntilOther(stop.then(Mono.just(true)))
                .flatMap(record -> relay(record, stop), properties.maxWaiting())
                .thenMany(Flux.empty());
    }

    private Mono<Void> relay(InboundRecord record, Mono<Void> stop) {
        RetryRecord retry;
        try {
            retry = json.readValue(record.value(), RetryRecord.class);
        } catch (RuntimeException unreadable) {
            return deadLetters.park(record, kafka.retryTopic(), unreadable).then(acknowledge(record));
        }
        return waitUntilDue(retry, stop)
                .flatMap(due -> republish(retry))
                .flatMap(published -> acknowledge(record));
    }

    /** Emits once {@code retry} is due; completes empty, without emitting, when the relay stops first. */
    private Mono<Long> waitUntilDue(RetryRecord retry, Mono<Void> stop) {
        Duration wait = Duration.between(clock.instant(), retry.dueAt());
        return metrics.waiting(retry.dueAt(),
                Mono.delay(wait.isNegative() ? Duration.ZERO : wait).takeUntilOther(stop.then(Mono.just(true))));
    }

    private Mono<Boolean> republish(RetryRecord retry) {
        return streams.publish(urgency.deliveriesTopic(retry.job()), retry.job().recipientKey(),
                json.writeValueAsString(retry.job()),
                Map.of()).thenReturn(true);
    }

    private static Mono<Void> acknowledge(InboundRecord record) {
        return Mono.fromRunnable(record::acknowledge);
    }
}
