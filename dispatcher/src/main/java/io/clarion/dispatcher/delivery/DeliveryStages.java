package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.channel.ChannelSenders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One delivery's way to its outcome, as named stages that read top to bottom:
 * {@code suppressIfUnsendable → parkIfOpen → gateVersion → [holdForBlackout → acquirePermit → render → send →
 * followUp → conclude]}, the bracketed stages under the delivery's claim. Each stage either ends the delivery with
 * an outcome or lets it go on.
 * <p>
 * Guarantees: nothing unsendable takes a claim or a rate-limit token; a message is sent only under a granted claim
 * and permit ({@link Admission}); the claim is a bracketed resource ({@code Mono.usingWhen}), concluded with the
 * outcome, or released when the delivery errors or is cancelled. A delivery whose processing fails (a bug, a
 * refused value) ends {@code Failed} with the error as its reason and is parked in the dead-letter topic for an
 * operator, so its broadcast still completes and its lane is not blocked for the lease.
 */
@Component
class DeliveryStages {
    private final Admission admission;
    private final ChannelSenders senders;
    private final FollowUp followUp;
    private final DeliveryInput input;

    DeliveryStages(Admission admission, ChannelSenders senders, FollowUp followUp, DeliveryInput input) {
        this.admission = admission;
        this.senders = senders;
        this.followUp = followUp;
        this.input = input;
    }

    /** Completes with the delivery's outcome: final, or a {@code RetryLater} already scheduled by {@link FollowUp}. */
    Mono<DeliveryOutcome> deliver(Delivery delivery) {
        return suppressIfUnsendable(delivery)
                .switchIfEmpty(Mono.defer(() -> parkIfOpen(delivery)))
                .switchIfEmpty(Mono.defer(() -> underClaim(delivery)))
                .onErrorResume(error -> failed(delivery, error));
    }

    /** No channel sender, no contact point, or one marked unusable: suppressed before anything is taken. */
    private Mono<DeliveryOutcome> suppressIfUnsendable(Delivery delivery) {
        return Mono.justOrEmpty(senders.unsendable(delivery.job()));
    }

    /** A delivery whose provider's circuit is open goes straight to the retry topic: no claim, no permit, no send. */
    private Mono<DeliveryOutcome> parkIfOpen(Delivery delivery) {
        return senders.parked(delivery.job()).flatMap(parked -> followUp.after(delivery.job(), parked));
    }

    private Mono<DeliveryOutcome> underClaim(Delivery delivery) {
        return Mono.usingWhen(admission.gateVersion(delivery.job()), gate -> throughGate(delivery, gate),
                Gate::release, (gate, error) -> gate.release(), Gate::release);
    }

    /**
     * Concludes the claim as soon as the outcome is known (before it is batched for the ledger), so the duplicate
     * window after a crash is only the sends in flight, not the outcomes awaiting a batch.
     */
    private Mono<DeliveryOutcome> throughGate(Delivery delivery, Gate gate) {
        if (gate instanceof Gate.Closed closed) {
            return Mono.just(closed.outcome());
        }
        Delivery.Claimed claimed = delivery.claimed(((Gate.Open) gate).lease());
        return holdForBlackout(claimed)
                .switchIfEmpty(Mono.defer(() -> acquirePermit(claimed)))
                .switchIfEmpty(Mono.defer(() -> send(render(claimed))))
                .flatMap(outcome -> followUp.after(claimed.job(), outcome))
                .flatMap(outcome -> claimed.lease().conclude(outcome));
    }

    /** Blackout windows will hold deliveries here until they end; until they exist, everything passes. */
    private Mono<DeliveryOutcome> holdForBlackout(Delivery.Claimed claimed) {
        return Mono.empty();
    }

    private Mono<DeliveryOutcome> acquirePermit(Delivery.Claimed claimed) {
        return admission.acquirePermit(claimed.job());
    }

    private static Delivery.Rendered render(Delivery.Claimed claimed) {
        return claimed.rendered(new RenderedMessage(claimed.job().content()));
    }

    private Mono<DeliveryOutcome> send(Delivery.Rendered rendered) {
        return senders.send(rendered.job());
    }

    private Mono<DeliveryOutcome> failed(Delivery delivery, Throwable error) {
        return input.deadLetter(delivery.record(), error)
                .thenReturn(new DeliveryOutcome.Failed("error: " + error));
    }
}
