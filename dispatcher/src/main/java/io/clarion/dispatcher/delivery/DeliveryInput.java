package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryRecord;
import io.clarion.dispatcher.kafka.DeadLetters;
import io.clarion.dispatcher.kafka.DeliveryRecordJson;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.RecordStreams;
import io.clarion.dispatcher.outage.RetryWhileUnavailable;
import io.clarion.dispatcher.update.UpdateContents;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery topic as the pipeline sees it: records with their parsed job (a lean record with its update's
 * content, see {@link DeliveryRecord}), and the dead-letter topic
 * where a record that cannot be processed is parked with its error, so the partition keeps moving.
 */
@Component
class DeliveryInput {
    private final RecordStreams streams;
    private final DeadLetters deadLetters;
    private final JsonMapper json;
    private final DeliveryRecordJson records;
    private final KafkaProperties kafka;
    private final UpdateContents updates;
    private final Duration retryBackoff;

    DeliveryInput(RecordStreams streams, DeadLetters deadLetters, JsonMapper json, DeliveryRecordJson records,
                  KafkaProperties kafka, UpdateContents updates, DeliveryProperties properties) {
        this.records = records;
        this.updates = updates;
        this.retryBackoff = properties.retryBackoff();
        this.streams = streams;
        this.deadLetters = deadLetters;
        this.json = json;
        this.kafka = kafka;
    }

    /** Records of bulk (not urgent) updates. */
    Flux<InboundRecord> records() {
        return streams.consume(kafka.deliveriesTopic(), kafka.groupId() + ".deliver");
    }

    /** Records of urgent updates: their own consumer, which bulk's back-pressure never pauses. */
    Flux<InboundRecord> urgentRecords() {
        return streams.consume(kafka.urgentDeliveriesTopic(), kafka.groupId() + ".deliver.urgent");
    }

    /** A consumed record: a delivery, or the reason it is none. */
    sealed interface Read {
    }

    /** A record that holds a delivery job. */
    record Readable(Delivery delivery) implements Read {
    }

    /** A record that holds no delivery job, and why. */
    record Unreadable(InboundRecord record, RuntimeException error) implements Read {
    }

    /**
     * The record's delivery. A lean record gets its update's content from {@link UpdateContents} (read once per
     * update; while PostgreSQL is unavailable, this waits); a record of an update that does not exist is unreadable.
     */
    Mono<Read> read(InboundRecord record) {
        DeliveryRecord parsed;
        try {
            parsed = records.read(record.value());
            if (!parsed.needsContent()) {
                return Mono.just(new Readable(new Delivery(record, parsed.job())));
            }
        } catch (RuntimeException unreadable) {
            return Mono.just(new Unreadable(record, unreadable));
        }
        return RetryWhileUnavailable.retrying(updates.of(parsed.tenantOrDefault(), parsed.incidentId(),
                        parsed.version()), retryBackoff, () -> "reading the update of " + parsed.incidentId())
                .<Read>map(content -> new Readable(new Delivery(record, parsed.withContent(content))))
                .switchIfEmpty(Mono.fromSupplier(() -> new Unreadable(record, new IllegalStateException("no update "
                        + parsed.version() + " of incident " + parsed.incidentId() + " of tenant "
                        + parsed.tenantOrDefault()))))
                .onErrorResume(RuntimeException.class, unreadable -> Mono.just(new Unreadable(record, unreadable)));
    }

    Mono<Void> deadLetter(InboundRecord record, Throwable error) {
        return deadLetters.park(record, kafka.deliveriesTopic(), error);
    }

    /** Parks a delivery that was processed but has no acceptable outcome, e.g. an unknown provider answer. */
    Mono<Void> deadLetter(DeliveryJob job, String error) {
        return deadLetters.park(job.recipientKey(), json.writeValueAsString(job), kafka.deliveriesTopic(), error);
    }
}
