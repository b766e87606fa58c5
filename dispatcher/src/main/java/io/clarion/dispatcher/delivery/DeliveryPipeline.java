package io.clarion.dispatcher.delivery;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.channel.ChannelSenders;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.ledger.DeliveryLedger;
import io.clarion.dispatcher.outage.RetryWhileUnavailable;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers: {@code parkIfOpen → admit (claim, permit) → send → followUp → conclude → record (batched) →
 * acknowledge}, in that order.
 * <p>
 * Guarantees: a message is sent only under a granted claim and permit (see {@link Admission}); the
 * Kafka offset is acknowledged only after the outcome is committed to PostgreSQL, so a crash at any
 * point redelivers, and the claim replays the settled outcome instead of sending again. Deliveries
 * run in one lane per channel, each with its own concurrency, so a throttled provider holds back its
 * own deliveries, not the other channels' (up to the lanes' buffers; a lane that stays full
 * eventually back-pressures the shared Kafka partitions). A transient failure does not wait in the lane: it
 * goes to the retry topic ({@link FollowUp}) and the record is acknowledged; so does a delivery whose
 * provider's circuit is open, without a claim or a send.
 */
@Component
public class DeliveryPipeline {
    private static final int LANES = Channel.values().length + 1;
    private static final String UNREADABLE_LANE = "unreadable";

    private final DeliveryInput input;
    private final Admission admission;
    private final ChannelSenders senders;
    private final FollowUp followUp;
    private final DeliveryLedger ledger;
    private final DeliveryProperties properties;

    DeliveryPipeline(DeliveryInput input, Admission admission, ChannelSenders senders, FollowUp followUp,
                     DeliveryLedger ledger, DeliveryProperties properties) {
        this.input = input;
        this.admission = admission;
        this.senders = senders;
        this.followUp = followUp;
        this.ledger = ledger;
        this.properties = properties;
    }

    /** One delivery's way through the pipeline; {@code job} is null for a record that was dead-lettered. */
    record Processed(InboundRecord record, DeliveryJob job, DeliveryOutcome outcome) {
        /** An outcome to record; not one of a dead-lettered record, nor a retry (its next attempt records it). */
        boolean isFinal() {
            return job != null && !(outcome instanceof DeliveryOutcome.RetryLater);
        }
    }

    /**
     * Consumes deliveries until {@code stop} emits or completes: then it stops taking records, lets those in
     * flight finish, records and acknowledges them, and completes.
     */
    public Flux<Void> run(Mono<Void> stop) {
        return input.records()
                .takeUntilOther(stop.then(Mono.just(true)))
                .map(input::read)
                .groupBy(DeliveryPipeline::lane)
                .flatMap(lane -> lane.flatMap(this::deliver, properties.concurrency()), LANES)
                .bufferTimeout(properties.batchSize(), properties.batchWindow(), true)
                .concatMap(this::record)
                .thenMany(Flux.empty());
    }

    private static String lane(DeliveryInput.Read read) {
        return read.job() == null ? UNREADABLE_LANE : read.job().channel().wireName();
    }

    private Mono<Processed> deliver(DeliveryInput.Read read) {
        InboundRecord record = read.record();
        Processed parked = new Processed(record, null, null);
        if (read.job() == null) {
            return input.deadLetter(record, read.error()).thenReturn(parked);
        }
        return parkIfOpen(read.job())
                .switchIfEmpty(Mono.defer(() -> admitAndSend(read.job())))
                .map(outcome -> new Processed(record, read.job(), outcome))
                .onErrorResume(e -> input.deadLetter(record, e).thenReturn(parked));
    }

    /** A delivery whose provider's circuit is open goes straight to the retry topic: no claim, no permit, no send. */
    private Mono<DeliveryOutcome> parkIfOpen(DeliveryJob job) {
        return senders.parked(job).flatMap(parked -> followUp.after(job, parked));
    }

    /**
     * Concludes each claimed delivery as soon as its outcome is known (before it is batched for the ledger),
     * so the duplicate window after a crash is only the sends in flight, not the outcomes awaiting a batch.
     */
    private Mono<DeliveryOutcome> admitAndSend(DeliveryJob job) {
        return admission.admit(job).flatMap(decision -> sendIfAdmitted(job, decision)
                .flatMap(outcome -> followUp.after(job, outcome))
                .flatMap(outcome -> admission.conclude(job, outcome, decision.token())));
    }

    /** The provider's answer, or the admission's own outcome (superseded, deferred, a replayed settlement). */
    private Mono<DeliveryOutcome> sendIfAdmitted(DeliveryJob job, Admission.Decision decision) {
        return decision.send() ? senders.send(job) : Mono.just(decision.outcome());
    }

    private Mono<Void> record(List<Processed> batch) {
        List<DeliveryLedger.Entry> entries = batch.stream().filter(Processed::isFinal)
                .map(p -> new DeliveryLedger.Entry(p.job(), p.outcome())).toList();
        return ledger.record(entries)
                .retryWhen(RetryWhileUnavailable.of(properties.retryBackoff(), () -> "recording outcomes"))
                .then(Mono.fromRunnable(() -> batch.forEach(p -> p.record().acknowledge())));
    }
}
