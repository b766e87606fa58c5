package io.clarion.dispatcher.expansion;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.dispatcher.priority.Urgency;
import io.clarion.dispatcher.kafka.RecordStreams;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes delivery jobs to the deliveries topic of their update's severity (urgent or bulk, see {@link Urgency}),
 * keyed by recipient so a recipient's messages stay in order.
 */
@Component
class DeliveryRecords {
    private final RecordStreams streams;
    private final JsonMapper json;
    private final Urgency urgency;

    DeliveryRecords(RecordStreams streams, JsonMapper json, Urgency urgency) {
        this.streams = streams;
        this.json = json;
        this.urgency = urgency;
    }

    /** Completes with the number published once Kafka acknowledged every one of them (all of one update). */
    Mono<Long> publish(String severity, Flux<DeliveryJob> jobs) {
        return streams.publish(urgency.deliveriesTopic(severity), jobs.map(job -> Map.entry(job.recipientId(), json.writeValueAsString(job))));
    }
}
