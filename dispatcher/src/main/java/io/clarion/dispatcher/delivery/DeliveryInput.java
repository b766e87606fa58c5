package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.dispatcher.kafka.DeadLetters;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.RecordStreams;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery topic as the pipeline sees it: records with their parsed job, and the dead-letter topic
 * where a record that cannot be processed is parked with its error, so the partition keeps moving.
 */
@Component
class DeliveryInput {
    private final RecordStreams streams;
    private final DeadLetters deadLetters;
    private final JsonMapper json;
    private final KafkaProperties kafka;

    DeliveryInput(RecordStreams streams, DeadLetters deadLetters, JsonMapper json, KafkaProperties kafka) {
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

    Read read(InboundRecord record) {
        try {
            return new Readable(new Delivery(record, json.readValue(record.value(), DeliveryJob.class)));
        } catch (RuntimeException unreadable) {
            return new Unreadable(record, unreadable);
        }
    }

    Mono<Void> deadLetter(InboundRecord record, Throwable error) {
        return deadLetters.park(record, kafka.deliveriesTopic(), error);
    }

    /** Parks a delivery that was processed but has no acceptable outcome, e.g. an unknown provider answer. */
    Mono<Void> deadLetter(DeliveryJob job, String error) {
        return deadLetters.park(job.recipientKey(), json.writeValueAsString(job), kafka.deliveriesTopic(), error);
    }
}
