package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.claim.DeliveryClaims;
import io.clarion.dispatcher.outage.RetryWhileUnavailable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/**
 * A granted claim held as a resource (bracketed with {@code Mono.usingWhen} by the pipeline): it is concluded
 * with the delivery's outcome (a final outcome is settled, a retry releases it), and released when the delivery
 * ends any other way, by an error or a cancellation. Releasing after a settle changes nothing (the release only
 * removes a claim still holding this token), so every path frees the lane exactly as it should.
 */
final class Lease {
    private final DeliveryClaims claims;
    private final DeliveryJob job;
    private final String token;
    private final Duration retryBackoff;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Lease(DeliveryClaims claims, DeliveryJob job, String token, Duration retryBackoff) {
        this.claims = claims;
        this.job = job;
        this.token = token;
        this.retryBackoff = retryBackoff;
    }

    /** Settles a final outcome (remembered, lane freed) or releases the claim for a retry; completes with it. */
    Mono<DeliveryOutcome> conclude(DeliveryOutcome outcome) {
        Mono<Void> concluded = outcome instanceof DeliveryOutcome.RetryLater ? claims.release(job, token)
                : claims.settle(new DeliveryClaims.Settlement(job, outcome, token));
        return RetryWhileUnavailable.retrying(concluded, retryBackoff, () -> "concluding " + job)
                .then(Mono.fromSupplier(() -> {
                    open.set(false);
                    return outcome;
                }));
    }

    /** Frees the claim and the lane unless the lease was concluded; for errors and cancellations. */
    Mono<Void> releaseIfOpen() {
        return Mono.defer(() -> open.compareAndSet(true, false)
                ? RetryWhileUnavailable.retrying(claims.release(job, token), retryBackoff, () -> "releasing " + job)
                : Mono.empty());
    }
}
