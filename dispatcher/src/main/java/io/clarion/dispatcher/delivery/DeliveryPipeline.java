package io.clarion.dispatcher.delivery;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.ledger.DeferralLedger;
import io.clarion.dispatcher.ledger.DeliveryLedger;
import io.clarion.dispatcher.ledger.WaitingBatches;
import io.clarion.dispatcher.outage.RetryWhileUnavailable;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers: {@code read → deliver (}{@link DeliveryStages}{@code ) → record (batched) → acknowledge}, in that order.
 * Outcomes are recorded in {@link WaitingBatches}: one statement for whatever completed while the previous one was
 * written (up to {@code clarion.delivery.batch-size}), so a lone outcome is recorded at once and batches grow with
 * throughput.
 * <p>
 * Guarantees: the Kafka offset is acknowledged only after the outcome is committed to PostgreSQL, so a crash at
 * any point redelivers, and the claim replays the settled outcome instead of sending again. Deliveries run in one
 * lane per channel, each with its own {@code clarion.delivery.concurrency} ({@link InFlight}), so a throttled provider holds back its
 * own deliveries, not the other channels' (up to the lanes' buffers; a lane that stays full eventually
 * back-pressures the shared Kafka partitions); the email lane holds {@code clarion.delivery.email-concurrency}, since
 * its deliveries share SES requests. Urgent updates ({@code clarion.priority}) have their own topic,
 * consumer and lanes, so they never wait behind bulk records. A transient failure does not wait in the lane: it goes to the retry
 * topic ({@link FollowUp}) and the record is acknowledged; so does a delivery whose provider's circuit is open,
 * without a claim or a send. A delivery that waits without using an attempt (a blackout, a recipient's limit, an
 * open circuit) is recorded as deferred ({@link DeferralLedger}) before its record is acknowledged.
 */
@Component
public class DeliveryPipeline {
    private static final int LANES = Channel.values().length + 1;
    private static final String UNREADABLE_LANE = "unreadable";

    private final DeliveryInput input;
    private final DeliveryStages stages;
    private final DeliveryLedger ledger;
    private final DeferralLedger deferrals;
    private final DeliveryProperties properties;

    DeliveryPipeline(DeliveryInput input, DeliveryStages stages, DeliveryLedger ledger, DeferralLedger deferrals,
                     DeliveryProperties properties) {
        this.input = input;
        this.deferrals = deferrals;
        this.stages = stages;
        this.ledger = ledger;
        this.properties = properties;
    }

    /**
     * Consumes deliveries until {@code stop} emits or completes: then it stops taking records, lets those in
     * flight finish, records and acknowledges them, and completes.
     */
    public Flux<Void> run(Mono<Void> stop) {
        Mono<Boolean> stopping = stop.then(Mono.just(true));
        return Flux.merge(lanes(input.urgentRecords(), stopping), lanes(input.records(), stopping))
                .transform(WaitingBatches.upTo(properties.batchSize()))
                // one batch at a time, formed when the previous one is durable: it holds what completed meanwhile
                .concatMap(this::record, 0)
                .thenMany(Flux.empty());
    }

    /**
     * One consumer's records in a lane per channel. Urgent and bulk records have their own consumers and lanes:
     * a bulk lane that is full back-pressures only the bulk consumer, never the urgent one.
     */
    private Flux<Handled> lanes(Flux<InboundRecord> records, Mono<Boolean> stopping) {
        return records.takeUntilOther(stopping)
                // in order; an update's content is read once, then every lean record of it reads at once
                .concatMap(input::read, properties.concurrency())
                .groupBy(DeliveryPipeline::lane)
                .flatMap(lane -> lane.transform(InFlight.upTo(concurrency(lane.key()), this::handle)), LANES);
    }

    private static String lane(DeliveryInput.Read read) {
        return read instanceof DeliveryInput.Readable readable ? readable.delivery().job().channel().wireName()
                : UNREADABLE_LANE;
    }

    private int concurrency(String lane) {
        return Channel.parse(lane).map(properties::concurrency).orElse(properties.concurrency());
    }

    private Mono<Handled> handle(DeliveryInput.Read read) {
        if (read instanceof DeliveryInput.Unreadable unreadable) {
            return input.deadLetter(unreadable.record(), unreadable.error())
                    .thenReturn(new Handled.DeadLettered(unreadable.record()));
        }
        Delivery delivery = ((DeliveryInput.Readable) read).delivery();
        return stages.deliver(delivery).cast(Handled.class);
    }

    private Mono<Void> record(List<Handled> batch) {
        List<DeliveryLedger.Entry> entries = batch.stream()
                .flatMap(handled -> handled instanceof Handled.Concluded concluded && concluded.isFinal()
                        ? Stream.of(new DeliveryLedger.Entry(concluded.job(), concluded.outcome())) : Stream.empty())
                .toList();
        List<DeferralLedger.Deferral> deferred = batch.stream()
                .flatMap(handled -> handled instanceof Handled.Concluded concluded
                        && concluded.outcome() instanceof DeliveryOutcome.RetryLater later && !later.usesAttempt()
                        ? Stream.of(new DeferralLedger.Deferral(concluded.job(), later)) : Stream.empty())
                .toList();
        return RetryWhileUnavailable.retrying(ledger.record(entries).then(deferrals.record(deferred)),
                        properties.retryBackoff(), () -> "recording outcomes")
                .then(Mono.fromRunnable(() -> batch.forEach(handled -> handled.record().acknowledge())));
    }
}
