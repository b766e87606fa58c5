package io.clarion.dispatcher.expansion;

import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.RecordStreams;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Expands broadcasts into deliveries: one record per (recipient, channel) on the deliveries topic,
 * keyed by recipient so each recipient's messages stay in order on one partition.
 * <p>
 * Guarantee: at least once. The broadcast record is acknowledged only after every delivery record was
 * acknowledged by Kafka and the total was stored; a crash mid-way re-expands from the start, and the
 * delivery claims and the ledger drop what was already published.
 */
@Component
public class BroadcastExpansion {
    private static final Logger log = LoggerFactory.getLogger(BroadcastExpansion.class);

    private final RecordStreams streams;
    private final AudienceReader audience;
    private final BroadcastProgress progress;
    private final JsonMapper json;
    private final KafkaProperties kafka;

    BroadcastExpansion(RecordStreams streams, AudienceReader audience, BroadcastProgress progress, JsonMapper json,
                       KafkaProperties kafka) {
        this.streams = streams;
        this.audience = audience;
        this.progress = progress;
        this.json = json;
        this.kafka = kafka;
    }

    /** Consumes broadcasts until cancelled, {@code concurrency} at a time. */
    public Flux<Void> run(int concurrency) {
        return streams.consume(kafka.broadcastsTopic(), kafka.groupId() + ".expand")
                .flatMap(record -> expand(record).then(Mono.fromRunnable(record::acknowledge)), concurrency)
                .thenMany(Flux.empty());
    }

    private Mono<Void> expand(InboundRecord record) {
        BroadcastJob job;
        try {
            job = json.readValue(record.value(), BroadcastJob.class);
        } catch (RuntimeException unreadable) {
            return deadLetter(record, unreadable);
        }
        return expand(job);
    }

    private Mono<Void> expand(BroadcastJob job) {
        UUID id = UUID.fromString(job.broadcastId());
        return progress.begin(id)
                .flatMap(fresh -> fresh ? fanOut(job).flatMap(targeted -> progress.finish(id, targeted)) : Mono.empty());
    }

    private Mono<Long> fanOut(BroadcastJob job) {
        return progress.content(job.incidentId(), job.version())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no update " + job.version()
                        + " of incident " + job.incidentId() + " for broadcast " + job.broadcastId())))
                .flatMap(content -> streams.publish(kafka.deliveriesTopic(), deliveryRecords(job, content)))
                .doOnNext(targeted -> log.info("broadcast {} expanded: {} deliveries", job.broadcastId(), targeted));
    }

    private Flux<Map.Entry<String, String>> deliveryRecords(BroadcastJob job, UpdateContent content) {
        return audience.pages(job)
                .concatMapIterable(members -> members)
                .concatMapIterable(member -> deliveries(job, content, member))
                .map(delivery -> Map.entry(delivery.recipientId(), json.writeValueAsString(delivery)));
    }

    private static List<DeliveryJob> deliveries(BroadcastJob job, UpdateContent content, AudienceReader.Member member) {
        return job.channels().stream()
                .map(channel -> new DeliveryJob(job.broadcastId(), job.incidentId(), job.version(), member.id(),
                        channel, content, destination(channel, member), channel == Channel.WEBHOOK
                                ? member.webhookSecret() : null))
                .toList();
    }

    private static String destination(Channel channel, AudienceReader.Member member) {
        return switch (channel) {
            case EMAIL -> member.email();
            case SMS -> member.sms();
            case PUSH -> member.push() == null || member.push().equals("[]") ? null : member.push();
            case WEBHOOK -> member.webhookUrl();
        };
    }

    private Mono<Void> deadLetter(InboundRecord record, RuntimeException error) {
        log.error("broadcast record {} is unreadable; parking it in {}", record, kafka.deadLetterTopic(), error);
        return streams.publish(kafka.deadLetterTopic(), record.key() == null ? "" : record.key(), record.value(),
                Map.of("clarion-error", String.valueOf(error.getMessage()), "clarion-source", kafka.broadcastsTopic()));
    }
}
