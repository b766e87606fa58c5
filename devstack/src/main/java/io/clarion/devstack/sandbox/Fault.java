package io.clarion.devstack.sandbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a sandbox provider misbehaves: answers take between {@code minLatency} and {@code maxLatency};
 * a share {@code errorRate} of them (0..1) fail with {@code errorStatus} and are not recorded; when
 * {@code down}, every request fails with {@code errorStatus}. {@link #NONE} behaves perfectly.
 */
public record Fault(double errorRate, int errorStatus, Duration minLatency, Duration maxLatency, boolean down) {
    public static final Fault NONE = new Fault(0, 503, Duration.ZERO, Duration.ZERO, false);

    public Fault {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("errorRate: " + errorRate + " (expected: 0..1)");
        }
        if (errorStatus < 400 || errorStatus > 599) {
            throw new IllegalArgumentException("errorStatus: " + errorStatus + " (expected: 400..599)");
        }
        minLatency = minLatency == null ? Duration.ZERO : minLatency;
        maxLatency = maxLatency == null ? minLatency : maxLatency;
        if (minLatency.isNegative() || maxLatency.compareTo(minLatency) < 0) {
            throw new IllegalArgumentException("latency: " + minLatency + ".." + maxLatency
                    + " (expected: 0 <= minLatency <= maxLatency)");
        }
    }

    /** Errors {@code errorRate} of requests with {@code status}, after a latency in [min, max]. */
    public static Fault flaky(double errorRate, int status, Duration minLatency, Duration maxLatency) {
        return new Fault(errorRate, status, minLatency, maxLatency, false);
    }

    /** Every request fails with 503. */
    public static Fault outage() {
        return new Fault(0, 503, Duration.ZERO, Duration.ZERO, true);
    }

    Duration nextLatency() {
        long min = minLatency.toNanos();
        long spread = maxLatency.toNanos() - min;
        return Duration.ofNanos(spread == 0 ? min : min + ThreadLocalRandom.current().nextLong(spread + 1));
    }

    boolean nextFails() {
        return down || (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate);
    }
}
