package io.clarion.devstack.sandbox;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a sandbox provider misbehaves: answers take between {@code minLatency} and {@code maxLatency};
 * a share {@code errorRate} of them (0..1) fail and are not recorded; when {@code down}, every request
 * fails with the provider's "unavailable" answer. {@link #NONE} behaves perfectly.
 *
 * <p>How a failure is answered: the webhook receiver answers {@code errorStatus}; the provider channels
 * answer the provider error named by {@code errorCode} (an SES error type such as
 * {@code MessageRejected}, a Twilio code such as {@code 21211}, an FCM error code such as
 * {@code UNREGISTERED}, an APNs reason such as {@code BadDeviceToken}), or, when it is {@code null},
 * the provider's "service unavailable" answer. {@code ratePerSecond} (0 = no cap) caps the requests
 * accepted per wall-clock second; the ones above it get the provider's throttling answer. When
 * {@code onlyFor} is set (an email address, phone number, push token or webhook path), the fault
 * applies to requests for that destination only and every other request behaves as under {@link #NONE}.
 */
public record Fault(double errorRate, int errorStatus, Duration minLatency, Duration maxLatency, boolean down,
                    String errorCode, int ratePerSecond, String onlyFor) {
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
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("ratePerSecond: " + ratePerSecond + " (expected: >= 0, 0 for no cap)");
        }
        errorCode = blankToNull(errorCode);
        onlyFor = blankToNull(onlyFor);
    }

    /** A fault without provider error code, rate cap or destination filter. */
    public Fault(double errorRate, int errorStatus, Duration minLatency, Duration maxLatency, boolean down) {
        this(errorRate, errorStatus, minLatency, maxLatency, down, null, 0, null);
    }

    /** Errors {@code errorRate} of requests with {@code status}, after a latency in [min, max]. */
    public static Fault flaky(double errorRate, int status, Duration minLatency, Duration maxLatency) {
        return new Fault(errorRate, status, minLatency, maxLatency, false);
    }

    /** Every request fails with 503 (the provider channels: with their "unavailable" answer). */
    public static Fault outage() {
        return new Fault(0, 503, Duration.ZERO, Duration.ZERO, true);
    }

    /** Every request fails with the provider error {@code errorCode} (see the type's Javadoc). */
    public static Fault failing(String errorCode) {
        return new Fault(1, 503, Duration.ZERO, Duration.ZERO, false, errorCode, 0, null);
    }

    /** At most {@code ratePerSecond} requests a second are accepted; the others are throttled. */
    public static Fault rateCapped(int ratePerSecond) {
        return new Fault(0, 503, Duration.ZERO, Duration.ZERO, false, null, ratePerSecond, null);
    }

    /** This fault, applied to requests for {@code destination} only. */
    public Fault onlyFor(String destination) {
        return new Fault(errorRate, errorStatus, minLatency, maxLatency, down, errorCode, ratePerSecond, destination);
    }

    boolean appliesTo(Collection<String> destinations) {
        return onlyFor == null || destinations.contains(onlyFor);
    }

    Duration nextLatency() {
        long min = minLatency.toNanos();
        long spread = maxLatency.toNanos() - min;
        return Duration.ofNanos(spread == 0 ? min : min + ThreadLocalRandom.current().nextLong(spread + 1));
    }

    boolean nextFails() {
        return down || (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
