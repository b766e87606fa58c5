package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.blackout.BlackoutHold;
import io.clarion.dispatcher.claim.Claim;
import io.clarion.dispatcher.claim.DeliveryClaims;
import io.clarion.dispatcher.outage.RetryWhileUnavailable;
import io.clarion.dispatcher.ratelimit.Permit;
import io.clarion.dispatcher.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides whether a delivery may be sent now: {@link #gateVersion} (claim), {@link #holdForBlackout} (a blackout
 * window defers it), then {@link #acquirePermit} (rate limits, then {@code stillNewest}). A delivery is sent only under a granted claim and a rate-limit
 * permit; while Redis is unavailable it waits (fail closed). A delivery that waited for its permit is checked
 * against the lane's high-water mark once more, so a throttled lane collapses to the newest version.
 */
@Component
class Admission {
    /** First and longest pause while another version of the same lane is in flight. */
    private static final Duration BUSY_FIRST_WAIT = Duration.ofMillis(20);
    private static final Duration BUSY_MAX_WAIT = Duration.ofSeconds(1);

    private final DeliveryClaims claims;
    private final RateLimiter limiter;
    private final BlackoutHold blackouts;
    private final DeliveryProperties properties;

    Admission(DeliveryClaims claims, RateLimiter limiter, BlackoutHold blackouts, DeliveryProperties properties) {
        this.claims = claims;
        this.blackouts = blackouts;
        this.limiter = limiter;
        this.properties = properties;
    }

    /**
     * Claims the delivery, waiting while another version of its lane is in flight or another dispatcher holds it:
     * {@link Gate.Open} with the lease, or {@link Gate.Closed} (superseded, or the replay of a settled outcome).
     */
    Mono<Gate> gateVersion(DeliveryJob job) {
        return gateVersion(job, BUSY_FIRST_WAIT);
    }

    /**
     * Empty: no blackout window holds the delivery. Otherwise its deferral until the window ends (no attempt used,
     * no partition held: it waits in the retry topic). Asked under the claim, so a held delivery that comes back
     * after a newer version of its lane was claimed is superseded by the version gate, never sent.
     */
    Mono<DeliveryOutcome> holdForBlackout(DeliveryJob job) {
        return waitOut(blackouts.holdIfInWindow(job), () -> "reading the blackouts of " + job);
    }

    /**
     * Waits for the delivery's rate-limit tokens. Empty: send it now. Otherwise the outcome that replaces the
     * send: deferred (the recipient's anti-fatigue limit), or superseded by a version that arrived while it waited.
     */
    Mono<DeliveryOutcome> acquirePermit(DeliveryJob job) {
        return waitOut(limiter.acquire(job), () -> "rate-limiting " + job).flatMap(permit -> {
            if (permit instanceof Permit.Deferred deferred) {
                return Mono.just(DeliveryOutcome.RetryLater.deferred(deferred.after(), deferred.reason()));
            }
            return ((Permit.Granted) permit).waited() ? supersededIfStale(job) : Mono.empty();
        });
    }

    private Mono<Gate> gateVersion(DeliveryJob job, Duration busyWait) {
        return waitOut(claims.claim(job), () -> "claiming " + job).flatMap(claim -> {
            if (claim instanceof Claim.Granted granted) {
                return Mono.just(new Gate.Open(new Lease(claims, job, granted.token(), properties.retryBackoff())));
            }
            if (claim instanceof Claim.Busy busy) {
                return Mono.delay(min(busyWait, busy.remaining()))
                        .then(gateVersion(job, min(busyWait.multipliedBy(2), BUSY_MAX_WAIT)));
            }
            if (claim instanceof Claim.Held held) {
                return Mono.delay(held.remaining()).then(gateVersion(job, busyWait));
            }
            return Mono.just(new Gate.Closed(withoutSending(claim)));
        });
    }

    private Mono<DeliveryOutcome> supersededIfStale(DeliveryJob job) {
        return waitOut(claims.stillNewest(job), () -> "checking " + job)
                .flatMap(newest -> newest ? Mono.empty() : Mono.just(new DeliveryOutcome.Superseded()));
    }

    /** The outcome of a delivery that is not sent: superseded, or the replay of an earlier settlement. */
    private static DeliveryOutcome withoutSending(Claim claim) {
        if (claim instanceof Claim.Settled settled) {
            return DeliveryOutcome.ofCounter(settled.counter(), settled.reason());
        }
        return new DeliveryOutcome.Superseded();
    }

    private <T> Mono<T> waitOut(Mono<T> call, Supplier<String> what) {
        return RetryWhileUnavailable.retrying(call, properties.retryBackoff(), what);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
