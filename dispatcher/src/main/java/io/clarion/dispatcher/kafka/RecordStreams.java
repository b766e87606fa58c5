package io.clarion.dispatcher.kafka;

import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The dispatcher's view of Kafka: consume a topic with at-least-once offsets, publish records and
 * wait for their acknowledgement. The only place in the dispatcher that knows reactor-kafka is the
 * implementation, so it could be swapped for a kafka-clients 4 adapter.
 */
public interface RecordStreams {

    /** Records of {@code topic} for consumer group {@code group}; offsets commit as records are acknowledged. */
    Flux<InboundRecord> consume(String topic, String group);

    /** Publishes (key, value) records to {@code topic}; completes when all are acknowledged by the brokers. */
    Mono<Long> publish(String topic, Flux<Map.Entry<String, String>> records);

    /** Publishes one record with headers, e.g. to the dead-letter topic. */
    Mono<Void> publish(String topic, String key, String value, Map<String, String> headers);
}
