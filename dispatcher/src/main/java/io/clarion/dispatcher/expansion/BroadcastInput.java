package io.clarion.dispatcher.expansion;

import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.dispatcher.kafka.DeadLetters;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.RecordStreams;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The broadcasts topic as expansion sees it: records, their parsed jobs, and the dead-letter topic. */
@Component
class BroadcastInput {
    private final RecordStreams streams;
    private final DeadLetters deadLetters;
    private final JsonMapper json;
    private final KafkaProperties kafka;

    BroadcastInput(RecordStreams streams, DeadLetters deadLetters, JsonMapper json, KafkaProperties kafka) {
        this.streams = streams;
        this.deadLetters = deadLetters;
        this.json = json;
        this.kafka = kafka;
    }

    Flux<InboundRecord> records() {
        return streams.consume(kafka.broadcastsTopic(), kafka.groupId() + ".expand");
    }

    /** The record's job, or empty for a record that is not one (it is dead-lettered first). */
    Mono<BroadcastJob> parse(InboundRecord record) {
        try {
            return Mono.just(json.readValue(record.value(), BroadcastJob.class));
        } catch (RuntimeException unreadable) {
            return deadLetter(record, unreadable).then(Mono.empty());
        }
    }

    Mono<Void> deadLetter(InboundRecord record, Throwable error) {
        return deadLetters.park(record, kafka.broadcastsTopic(), error);
    }
}
