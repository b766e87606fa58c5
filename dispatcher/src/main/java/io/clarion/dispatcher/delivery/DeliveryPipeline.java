package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.channel.ChannelSenders;
import io.clarion.dispatcher.claim.Claim;
import io.clarion.dispatcher.claim.DeliveryClaims;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.ledger.DeliveryLedger;
import io.clarion.dispatcher.outage.RetryWhileUnavailable;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers: {@code claim → send → settle → record → acknowledge}, in that order.
 * <p>
 * Guarantees: a message is sent only under a granted claim (no claim, e.g. Redis down: the delivery
 * waits); a version older than one already claimed is recorded superseded, never sent; the Kafka
 * offset is acknowledged only after the outcome is committed to PostgreSQL, so a crash at any point
 * redelivers, and the claim replays the settled outcome instead of sending again.
 */
@Component
public class DeliveryPipeline {
    /** First and longest pause while another version of the same lane is in flight. */
    private static final Duration BUSY_FIRST_WAIT = Duration.ofMillis(20);
    private static final Duration BUSY_MAX_WAIT = Duration.ofSeconds(1);

    private final DeliveryInput input;
    private final DeliveryClaims claims;
    private final ChannelSenders senders;
    private final DeliveryLedger ledger;
    private final DeliveryProperties properties;

    DeliveryPipeline(DeliveryInput input, DeliveryClaims claims, ChannelSenders senders, DeliveryLedger ledger,
                     DeliveryProperties properties) {
        this.input = input;
        this.claims = claims;
        this.senders = senders;
        this.ledger = ledger;
        this.properties = properties;
    }

    /**
     * One delivery's way through the pipeline: {@code job} is null for a record that was dead-lettered,
     * {@code token} is set when this dispatcher claimed the delivery (and must settle it).
     */
    record Processed(InboundRecord record, DeliveryJob job, DeliveryOutcome outcome, String token) {
        boolean claimedHere() {
            return token != null;
        }
    }

    /** Consumes deliveries until cancelled. */
    public Flux<Void> run() {
        return input.records()
                .flatMap(this::deliver, properties.concurrency())
                .bufferTimeout(properties.batchSize(), properties.batchWindow(), true)
                .concatMap(this::settleAndRecord)
                .thenMany(Flux.empty());
    }

    private Mono<Processed> deliver(InboundRecord record) {
        Processed parked = new Processed(record, null, null, null);
        return input.parse(record)
                .flatMap(job -> gateAndSend(record, job))
                .onErrorResume(e -> input.deadLetter(record, e).thenReturn(parked))
                .defaultIfEmpty(parked);
    }

    private Mono<Processed> gateAndSend(InboundRecord record, DeliveryJob job) {
        return gateAndSend(record, job, BUSY_FIRST_WAIT);
    }

    private Mono<Processed> gateAndSend(InboundRecord record, DeliveryJob job, Duration busyWait) {
        return claim(job).flatMap(claim -> {
            if (claim instanceof Claim.Granted granted) {
                return send(job).map(outcome -> new Processed(record, job, outcome, granted.token()));
            }
            if (claim instanceof Claim.Busy busy) {
                Duration wait = min(busyWait, busy.remaining());
                return Mono.delay(wait).then(gateAndSend(record, job, min(busyWait.multipliedBy(2), BUSY_MAX_WAIT)));
            }
            if (claim instanceof Claim.Held held) {
                return Mono.delay(held.remaining()).then(gateAndSend(record, job, busyWait));
            }
            return Mono.just(new Processed(record, job, withoutSending(claim), null));
        });
    }

    private Mono<DeliveryOutcome> send(DeliveryJob job) {
        return senders.send(job);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The claim round trip; while Redis is unavailable the delivery waits, it is never sent unclaimed. */
    private Mono<Claim> claim(DeliveryJob job) {
        return claims.claim(job).retryWhen(RetryWhileUnavailable.of(properties.retryBackoff(), "claiming " + job));
    }

    private Mono<Void> settleAndRecord(List<Processed> batch) {
        List<DeliveryClaims.Settlement> settlements = batch.stream().filter(Processed::claimedHere)
                .map(p -> new DeliveryClaims.Settlement(p.job(), p.outcome(), p.token())).toList();
        List<DeliveryLedger.Entry> entries = batch.stream().filter(p -> p.job() != null)
                .map(p -> new DeliveryLedger.Entry(p.job(), p.outcome())).toList();
        return claims.settle(settlements)
                .retryWhen(RetryWhileUnavailable.of(properties.retryBackoff(), "settling claims"))
                .then(ledger.record(entries)
                        .retryWhen(RetryWhileUnavailable.of(properties.retryBackoff(), "recording outcomes")))
                .then(Mono.fromRunnable(() -> batch.forEach(p -> p.record().acknowledge())));
    }

    /** The outcome of a delivery that is not sent: superseded, or the replay of an earlier settlement. */
    private static DeliveryOutcome withoutSending(Claim claim) {
        if (claim instanceof Claim.Settled settled) {
            return switch (settled.counter()) {
                case "sent" -> new DeliveryOutcome.Sent();
                case "superseded" -> new DeliveryOutcome.Superseded();
                case "suppressed" -> new DeliveryOutcome.Suppressed(settled.reason());
                default -> new DeliveryOutcome.Failed(settled.reason() == null ? "failed" : settled.reason());
            };
        }
        return new DeliveryOutcome.Superseded();
    }
}
