package io.clarion.core.retry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a delivery that failed transiently is tried again, and when it has had enough attempts.
 * <ul>
 *   <li>{@link #fixed}: a fixed schedule, e.g. Standard Webhooks' 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h;
 *       one attempt more than there are delays.</li>
 *   <li>{@link #exponential}: "full jitter" backoff, a uniformly random delay in [0, min(max, first × 2^(n-1))],
 *       so many deliveries throttled at once do not come back at once.</li>
 * </ul>
 * A provider's own hint ({@code Retry-After}) wins over the schedule, capped at {@code maxDelay}.
 */
public final class RetrySchedule {
    private final List<Duration> fixedDelays;
    private final Duration first;
    private final Duration maxDelay;
    private final int maxAttempts;

    private RetrySchedule(List<Duration> fixedDelays, Duration first, Duration maxDelay, int maxAttempts) {
        this.fixedDelays = fixedDelays;
        this.first = first;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
    }

    public static RetrySchedule fixed(List<Duration> delays) {
        requireNonNull(delays, "delays");
        delays.forEach(delay -> requirePositive("delays", delay));
        Duration longest = delays.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        return new RetrySchedule(List.copyOf(delays), Duration.ZERO, longest, delays.size() + 1);
    }

    public static RetrySchedule exponential(Duration first, Duration maxDelay, int maxAttempts) {
        requirePositive("first", first);
        requirePositive("maxDelay", maxDelay);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: > 0)");
        }
        return new RetrySchedule(null, first, maxDelay, maxAttempts);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed
     * transiently; empty when that was the last attempt. {@code hint} is the provider's
     * {@code Retry-After}, or zero for none; {@code random} yields values in [0, 1).
     */
    public Optional<Duration> delayAfter(int attempt, Duration hint, DoubleSupplier random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt: " + attempt + " (expected: > 0)");
        }
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        if (hint != null && hint.compareTo(Duration.ZERO) > 0) {
            return Optional.of(min(hint, maxDelay));
        }
        if (fixedDelays != null) {
            return Optional.of(fixedDelays.get(attempt - 1));
        }
        return Optional.of(Duration.ofMillis((long) (random.getAsDouble() * ceiling(attempt).toMillis())));
    }

    private Duration ceiling(int attempt) {
        int doublings = Math.min(attempt - 1, 30);
        Duration grown = first.multipliedBy(1L << doublings);
        return min(grown, maxDelay);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void requirePositive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.compareTo(Duration.ZERO) <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    @Override
    public String toString() {
        return fixedDelays != null ? "RetrySchedule[fixed " + fixedDelays + "]"
                : "RetrySchedule[exponential " + first + ".." + maxDelay + ", " + maxAttempts + " attempts]";
    }
}
