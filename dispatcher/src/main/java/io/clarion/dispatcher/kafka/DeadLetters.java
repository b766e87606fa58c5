package io.clarion.dispatcher.kafka;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Parks a record that cannot be processed in the dead-letter topic, with the error and the topic it
 * came from in headers, so its partition keeps moving and an operator can inspect or replay it.
 * Completes only when Kafka acknowledged the parked copy: only then may the original be acknowledged.
 * Counts {@code clarion.dead.letters{source}}.
 */
@Component
public class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final RecordStreams streams;
    private final KafkaProperties kafka;
    private final KafkaMetrics metrics;

    DeadLetters(RecordStreams streams, KafkaProperties kafka, KafkaMetrics metrics) {
        this.streams = streams;
        this.kafka = kafka;
        this.metrics = metrics;
        List.of(kafka.broadcastsTopic(), kafka.deliveriesTopic(), kafka.retryTopic()).forEach(metrics::deadLetters);
    }

    public Mono<Void> park(InboundRecord record, String sourceTopic, Throwable error) {
        log.error("record {} of {} cannot be processed; parking it in {}", record, sourceTopic,
                kafka.deadLetterTopic(), error);
        return publish(record.key(), record.value(), sourceTopic, String.valueOf(error));
    }

    /**
     * Parks a record that was processed but has no acceptable outcome: a provider answer nobody knows, or a
     * delivery out of attempts. {@code error} says why, for the operator who inspects or replays it.
     */
    public Mono<Void> park(String key, String value, String sourceTopic, String error) {
        log.warn("parking a record of {} (key {}) in {}: {}", sourceTopic, key, kafka.deadLetterTopic(), error);
        return publish(key, value, sourceTopic, error);
    }

    private Mono<Void> publish(String key, String value, String sourceTopic, String error) {
        return streams.publish(kafka.deadLetterTopic(), key == null ? "" : key, value,
                Map.of("clarion-error", error, "clarion-source", sourceTopic))
                .doOnSuccess(parked -> metrics.deadLettered(sourceTopic));
    }
}
