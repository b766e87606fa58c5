package io.clarion.dispatcher.expansion;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryRecord;
import io.clarion.dispatcher.kafka.DeliveryRecordJson;
import io.clarion.dispatcher.kafka.RecordStreams;
import io.clarion.dispatcher.priority.Urgency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes delivery jobs to the deliveries topic of their update's severity (urgent or bulk, see {@link Urgency}),
 * as lean records (without the update's content, see {@link DeliveryRecord}), keyed by recipient (with its tenant) so a recipient's messages stay in order, and counts them once Kafka
 * acknowledged them in {@code clarion.expansion.deliveries} (the expansion rate).
 */
@Component
class DeliveryRecords {
    private final RecordStreams streams;
    private final DeliveryRecordJson json;
    private final Urgency urgency;
    private final Counter expanded;

    DeliveryRecords(RecordStreams streams, DeliveryRecordJson json, Urgency urgency, MeterRegistry registry) {
        this.streams = streams;
        this.json = json;
        this.urgency = urgency;
        this.expanded = Counter.builder("clarion.expansion.deliveries")
                .description("Deliveries expansion published to the deliveries topic").register(registry);
    }

    /** Completes with the number published once Kafka acknowledged every one of them (all of one update). */
    Mono<Long> publish(String severity, Flux<DeliveryJob> jobs) {
        return streams.publish(urgency.deliveriesTopic(severity),
                        jobs.map(job -> Map.entry(job.recipientKey(), json.write(DeliveryRecord.lean(job)))))
                .doOnNext(expanded::increment);
    }
}
