package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.channel.ChannelSenders;
import io.clarion.dispatcher.redaction.TenantRedaction;
import io.clarion.dispatcher.template.TemplateRendering;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One delivery's way to its outcome, as named stages that read top to bottom:
 * {@code render → suppressIfUnsendable → parkIfOpen → gateVersion → [holdForBlackout → acquirePermit → send →
 * followUp → conclude]}, the bracketed stages under the delivery's claim. Each stage either ends the delivery with
 * an outcome or lets it go on.
 * <p>
 * {@code render} comes first so that the one rendered (redacted) job is what is sent, what goes to the retry
 * topic and what the ledger records and hashes: no later stage can see the unredacted text. A text that cannot be
 * redacted within the bound fails closed (dead-lettered, never sent).
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
    private final TenantRedaction redaction;
    private final TemplateRendering templates;

    DeliveryStages(Admission admission, ChannelSenders senders, FollowUp followUp, DeliveryInput input,
                   TenantRedaction redaction, TemplateRendering templates) {
        this.templates = templates;
        this.admission = admission;
        this.senders = senders;
        this.followUp = followUp;
        this.input = input;
        this.redaction = redaction;
    }

    /**
     * Completes with the rendered delivery and its outcome: final, or a {@code RetryLater} already scheduled by
     * {@link FollowUp}.
     */
    Mono<Handled.Concluded> deliver(Delivery delivery) {
        return render(delivery)
                .flatMap(rendered -> outcome(rendered).map(rendered::concluded))
                .onErrorResume(error -> failed(delivery, error).map(delivery::concluded));
    }

    private Mono<DeliveryOutcome> outcome(Delivery delivery) {
        return suppressIfUnsendable(delivery)
                .switchIfEmpty(Mono.defer(() -> parkIfOpen(delivery)))
                .switchIfEmpty(Mono.defer(() -> underClaim(delivery)));
    }

    /**
     * The message this delivery sends: its template's for its channel and the recipient's locale (when the update
     * names one), then the tenant's redaction over every text a customer reads.
     */
    private Mono<Delivery> render(Delivery delivery) {
        return templates.render(delivery.job()).flatMap(redaction::redact).map(delivery::withJob);
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
                .switchIfEmpty(Mono.defer(() -> send(claimed)))
                .flatMap(outcome -> followUp.after(claimed.job(), outcome))
                .flatMap(outcome -> claimed.lease().conclude(outcome));
    }

    /** A delivery inside a blackout window for its recipient is deferred until the window ends. */
    private Mono<DeliveryOutcome> holdForBlackout(Delivery.Claimed claimed) {
        return admission.holdForBlackout(claimed.job());
    }

    private Mono<DeliveryOutcome> acquirePermit(Delivery.Claimed claimed) {
        return admission.acquirePermit(claimed.job());
    }

    private Mono<DeliveryOutcome> send(Delivery.Claimed claimed) {
        return senders.send(claimed.job());
    }

    private Mono<DeliveryOutcome> failed(Delivery delivery, Throwable error) {
        return input.deadLetter(delivery.record(), error)
                .thenReturn(new DeliveryOutcome.Failed("error: " + error));
    }
}
