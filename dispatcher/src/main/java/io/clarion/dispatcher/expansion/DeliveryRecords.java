package io.clarion.dispatcher.expansion;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.RecordStreams;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Publishes delivery jobs to the deliveries topic, keyed by recipient so a recipient's messages stay in order. */
@Component
class DeliveryRecords {
    private final RecordStreams streams;
    private final JsonMapper json;
    private final String topic;

    DeliveryRecords(RecordStreams streams, JsonMapper json, KafkaProperties kafka) {
        this.streams = streams;
        this.json = json;
        this.topic = kafka.deliveriesTopic();
    }

    /** Completes with the number published once Kafka acknowledged every one of them. */
    Mono<Long> publish(Flux<DeliveryJob> jobs) {
        return streams.publish(topic, jobs.map(job -> Map.entry(job.recipientKey(), json.writeValueAsString(job))));
    }
}
