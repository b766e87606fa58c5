package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.claim.Claim;
import io.clarion.dispatcher.claim.DeliveryClaims;
import io.clarion.dispatcher.outage.RetryWhileUnavailable;
import io.clarion.dispatcher.ratelimit.Permit;
import io.clarion.dispatcher.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides whether a delivery may be sent now: {@code gateVersion → acquirePermit → stillNewest}.
 * A delivery is sent only under a granted claim and a rate-limit permit; while Redis is unavailable
 * it waits (fail closed). A delivery that waited for its permit is checked against the lane's
 * high-water mark once more, so a throttled lane collapses to the newest version.
 */
@Component
class Admission {
    /** First and longest pause while another version of the same lane is in flight. */
    private static final Duration BUSY_FIRST_WAIT = Duration.ofMillis(20);
    private static final Duration BUSY_MAX_WAIT = Duration.ofSeconds(1);

    private final DeliveryClaims claims;
    private final RateLimiter limiter;
    private final DeliveryProperties properties;

    Admission(DeliveryClaims claims, RateLimiter limiter, DeliveryProperties properties) {
        this.claims = claims;
        this.limiter = limiter;
        this.properties = properties;
    }

    /** The decision for one delivery: send it under {@code token}, or record {@code outcome} without sending. */
    record Decision(String token, DeliveryOutcome outcome) {
        boolean send() {
            return token != null && outcome == null;
        }
    }

    Mono<Decision> admit(DeliveryJob job) {
        return gateVersion(job, BUSY_FIRST_WAIT);
    }

    /**
     * Ends a claim taken with {@code token} (none when {@code null}): a final outcome is settled (remembered,
     * lane freed); a retry releases the claim so the next attempt can claim afresh. Completes with {@code outcome}.
     */
    Mono<DeliveryOutcome> conclude(DeliveryJob job, DeliveryOutcome outcome, String token) {
        if (token == null) {
            return Mono.just(outcome);
        }
        Mono<Void> concluded = outcome instanceof DeliveryOutcome.RetryLater ? claims.release(job, token)
                : claims.settle(List.of(new DeliveryClaims.Settlement(job, outcome, token)));
        return concluded.retryWhen(waitOut(() -> "concluding " + job)).thenReturn(outcome);
    }

    private Mono<Decision> gateVersion(DeliveryJob job, Duration busyWait) {
        return claims.claim(job).retryWhen(waitOut(() -> "claiming " + job)).flatMap(claim -> {
            if (claim instanceof Claim.Granted granted) {
                return acquirePermit(job, granted.token());
            }
            if (claim instanceof Claim.Busy busy) {
                return Mono.delay(min(busyWait, busy.remaining()))
                        .then(gateVersion(job, min(busyWait.multipliedBy(2), BUSY_MAX_WAIT)));
            }
            if (claim instanceof Claim.Held held) {
                return Mono.delay(held.remaining()).then(gateVersion(job, busyWait));
            }
            return Mono.just(new Decision(null, withoutSending(claim)));
        });
    }

    private Mono<Decision> acquirePermit(DeliveryJob job, String token) {
        return limiter.acquire(job).retryWhen(waitOut(() -> "rate-limiting " + job)).flatMap(permit -> {
            if (permit instanceof Permit.Deferred deferred) {
                return Mono.just(new Decision(token, DeliveryOutcome.RetryLater.deferred(deferred.after(),
                        deferred.reason())));
            }
            return ((Permit.Granted) permit).waited() ? stillNewest(job, token) : Mono.just(new Decision(token, null));
        });
    }

    private Mono<Decision> stillNewest(DeliveryJob job, String token) {
        return claims.stillNewest(job).retryWhen(waitOut(() -> "checking " + job))
                .map(newest -> new Decision(token, newest ? null : new DeliveryOutcome.Superseded()));
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

    private reactor.util.retry.Retry waitOut(java.util.function.Supplier<String> what) {
        return RetryWhileUnavailable.of(properties.retryBackoff(), what);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
