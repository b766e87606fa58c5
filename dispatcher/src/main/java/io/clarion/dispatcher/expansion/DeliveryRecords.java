package io.clarion.dispatcher.expansion;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.RecordStreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes delivery jobs to the deliveries topic, keyed by recipient so a recipient's messages stay in order,
 * and counts them once Kafka acknowledged them in {@code clarion.expansion.deliveries} (the expansion rate).
 */
@Component
class DeliveryRecords {
    private final RecordStreams streams;
    private final JsonMapper json;
    private final String topic;
    private final Counter expanded;

    DeliveryRecords(RecordStreams streams, JsonMapper json, KafkaProperties kafka, MeterRegistry registry) {
        this.streams = streams;
        this.json = json;
        this.topic = kafka.deliveriesTopic();
        this.expanded = Counter.builder("clarion.expansion.deliveries")
                .description("Deliveries expansion published to the deliveries topic").register(registry);
    }

    /** Completes with the number published once Kafka acknowledged every one of them. */
    Mono<Long> publish(Flux<DeliveryJob> jobs) {
        return streams.publish(topic, jobs.map(job -> Map.entry(job.recipientKey(), json.writeValueAsString(job))))
                .doOnNext(expanded::increment);
    }
}
