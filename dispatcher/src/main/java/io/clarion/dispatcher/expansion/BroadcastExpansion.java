package io.clarion.dispatcher.expansion;

import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.outage.RetryWhileUnavailable;
import io.clarion.dispatcher.update.UpdateContents;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Expands broadcasts into deliveries: one record per (recipient, channel) on the deliveries topic.
 * <p>
 * Guarantee: at least once. The broadcast record is acknowledged only after every delivery record was
 * acknowledged by Kafka and the total was stored; a crash mid-way re-expands from the start, and the
 * delivery claims and the ledger drop what was already published. While PostgreSQL or Kafka is
 * unavailable, expansion waits; a broadcast that cannot be expanded for any other reason is marked
 * {@code failed} and its record parked in the dead-letter topic.
 */
@Component
public class BroadcastExpansion {
    private static final Logger log = LoggerFactory.getLogger(BroadcastExpansion.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final BroadcastInput input;
    private final AudienceReader audience;
    private final BroadcastProgress progress;
    private final DeliveryRecords deliveries;
    private final UpdateContents updates;

    BroadcastExpansion(BroadcastInput input, AudienceReader audience, BroadcastProgress progress,
                       DeliveryRecords deliveries, UpdateContents updates) {
        this.updates = updates;
        this.input = input;
        this.audience = audience;
        this.progress = progress;
        this.deliveries = deliveries;
    }

    /**
     * Consumes broadcasts, {@code concurrency} at a time, until {@code stop} emits or completes: then it
     * takes no new broadcast and completes once those being expanded are done.
     */
    public Flux<Void> run(int concurrency, Mono<Void> stop) {
        return input.records()
                .takeUntilOther(stop.then(Mono.just(true)))
                .flatMap(record -> expand(record).then(Mono.fromRunnable(record::acknowledge)), concurrency)
                .thenMany(Flux.empty());
    }

    private Mono<Void> expand(InboundRecord record) {
        return input.parse(record).flatMap(job -> RetryWhileUnavailable.retrying(expand(job), FIRST_BACKOFF,
                        () -> "expanding broadcast " + job.broadcastId())
                .onErrorResume(e -> input.deadLetter(record, e).then(progress.fail(UUID.fromString(job.broadcastId())))));
    }

    private Mono<Void> expand(BroadcastJob job) {
        UUID id = UUID.fromString(job.broadcastId());
        return progress.begin(id)
                .flatMap(fresh -> fresh ? fanOut(job).flatMap(targeted -> progress.finish(id, targeted)) : Mono.empty());
    }

    private Mono<Long> fanOut(BroadcastJob job) {
        return updates.of(job.tenant(), job.incidentId(), job.version())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no update " + job.version()
                        + " of incident " + job.incidentId() + " for broadcast " + job.broadcastId())))
                .flatMap(content -> deliveries.publish(content.severity(), deliveryJobs(job, content)))
                .doOnNext(targeted -> log.info("broadcast {} expanded: {} deliveries", job.broadcastId(), targeted));
    }

    private Flux<DeliveryJob> deliveryJobs(BroadcastJob job, UpdateContent content) {
        return audience.pages(job)
                .concatMapIterable(members -> members)
                .concatMapIterable(member -> deliveries(job, content, member));
    }

    private static List<DeliveryJob> deliveries(BroadcastJob job, UpdateContent content, AudienceReader.Member member) {
        return job.channels().stream()
                .map(channel -> new DeliveryJob(job.broadcastId(), job.incidentId(), job.version(), member.id(),
                        channel, content, member.destination(channel), member.secret(channel), job.tenant(), 1,
                        member.unusable(channel), member.context(), null))
                .toList();
    }
}
