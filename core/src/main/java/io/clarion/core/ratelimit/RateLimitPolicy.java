package io.clarion.core.ratelimit;

import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A token bucket: at most {@code capacity} tokens, refilled with {@code refillTokens} every
 * {@code refillPeriod} (spread evenly: 200 per second is one token every 5 ms). One token is one
 * message. {@code version} grows with every change, so every dispatcher can tell a new policy from
 * the one it applies.
 */
public record RateLimitPolicy(long capacity, long refillTokens, Duration refillPeriod, long version) {
    static final Duration SHORTEST_PERIOD = Duration.ofMillis(1);
    static final Duration LONGEST_PERIOD = Duration.ofDays(1);

    public RateLimitPolicy {
        List<FieldError> errors = validate(capacity, refillTokens, refillPeriod);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.get(0).field() + ": " + errors.get(0).reason());
        }
    }

    /** What is wrong with a proposed policy, by field name. */
    public static List<FieldError> validate(long capacity, long refillTokens, Duration refillPeriod) {
        Violations v = new Violations();
        if (capacity < 1) {
            v.add("capacity", capacity + " (expected: >= 1)");
        }
        if (refillTokens < 1) {
            v.add("refillTokens", refillTokens + " (expected: >= 1)");
        }
        if (refillPeriod == null) {
            v.add("refillPeriod", "is required (expected: an ISO-8601 duration such as PT1S)");
        } else if (refillPeriod.compareTo(SHORTEST_PERIOD) < 0 || refillPeriod.compareTo(LONGEST_PERIOD) > 0) {
            v.add("refillPeriod", refillPeriod + " (expected: between PT0.001S and P1D)");
        }
        return v.errors();
    }

    /** Tokens per second this policy allows in the long run. */
    public double perSecond() {
        return refillTokens * 1_000_000_000d / refillPeriod.toNanos();
    }

    /**
     * This policy split in two shares that together allow exactly what it allows: {@code reserved} of it held back
     * for urgent deliveries, the rest for bulk ones. Empty when {@code reserved} is 0 or the policy is too small to
     * split (either share would round to less than one token).
     */
    public Optional<Split> split(double reserved) {
        long urgentCapacity = Math.round(capacity * reserved);
        long urgentRefill = Math.round(refillTokens * reserved);
        if (urgentCapacity < 1 || urgentRefill < 1 || urgentCapacity >= capacity || urgentRefill >= refillTokens) {
            return Optional.empty();
        }
        return Optional.of(new Split(new RateLimitPolicy(urgentCapacity, urgentRefill, refillPeriod, version),
                new RateLimitPolicy(capacity - urgentCapacity, refillTokens - urgentRefill, refillPeriod, version)));
    }

    /** A policy's two shares: held back for urgent deliveries, and the bulk deliveries' own. */
    public record Split(RateLimitPolicy urgent, RateLimitPolicy bulk) {
    }

    public RateLimitPolicy withVersion(long newVersion) {
        return new RateLimitPolicy(capacity, refillTokens, refillPeriod, newVersion);
    }
}
