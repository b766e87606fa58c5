package io.clarion.standalone.benchmark;

import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Delivery figures of one broadcast as its receivers saw them: each message's latency is its sandbox
 * {@code receivedAt} minus the instant just before the broadcast was submitted. Percentiles are
 * nearest-rank. With no message, every time and rate is 0.
 *
 * @param received   messages the sandbox received for the incident
 * @param distinct   distinct recipients among them
 * @param firstMs    latency of the earliest message
 * @param lastMs     latency of the latest message
 */
record DeliveryFigures(long received, long distinct, double firstMs, double lastMs, double p50Ms, double p99Ms) {

    static DeliveryFigures of(List<SandboxMessage> messages, Instant submittedAt) {
        double[] latencies = messages.stream()
                .mapToDouble(message -> millis(Duration.between(submittedAt, message.receivedAt()))).toArray();
        long distinct = messages.stream().map(SandboxMessage::recipient).filter(Objects::nonNull).distinct().count();
        return of(latencies, distinct);
    }

    /** The figures of messages with these latencies (ms, in any order: the array is sorted in place) and recipients. */
    static DeliveryFigures of(double[] latencies, long distinct) {
        Arrays.sort(latencies);
        if (latencies.length == 0) {
            return new DeliveryFigures(0, 0, 0, 0, 0, 0);
        }
        return new DeliveryFigures(latencies.length, distinct, latencies[0], latencies[latencies.length - 1],
                percentile(latencies, 50), percentile(latencies, 99));
    }

    long duplicates() {
        return received - distinct;
    }

    /** Received messages per second between the first and the last arrival. */
    double perSecondFirstToLast() {
        return perSecond(lastMs - firstMs);
    }

    /** Received messages per second from submission to the last arrival. */
    double perSecondFromSubmission() {
        return perSecond(lastMs);
    }

    private double perSecond(double windowMs) {
        return windowMs <= 0 ? 0 : received / (windowMs / 1000.0);
    }

    private static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
