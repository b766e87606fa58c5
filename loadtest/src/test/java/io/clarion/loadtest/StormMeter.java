package io.clarion.loadtest;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The status page storm's figures inside one window (while a broadcast is under way): every answered read's
 * response time in whole milliseconds (Gatling's resolution) in a fixed histogram of 1 ms buckets up to
 * {@value #MAX_MS} ms (slower ones count in the last), and the failures. Lock-free, so tens of thousands of
 * virtual users a second record into it without contending; reads outside the window are not recorded.
 */
final class StormMeter {
    static final int MAX_MS = 60_000;

    private final AtomicLongArray histogram = new AtomicLongArray(MAX_MS + 1);
    private final LongAdder failures = new LongAdder();
    private volatile boolean open;
    private volatile long openedAt;
    private volatile long closedAt;

    /** The window's figures: achieved reads per second and latency percentiles of the answered ones. */
    record Figures(long answered, long failed, double seconds, double requestsPerSecond, long p50, long p95, long p99,
                   long max) {
    }

    void open() {
        openedAt = System.nanoTime();
        open = true;
    }

    void close() {
        closedAt = System.nanoTime();
        open = false;
    }

    /** One read: {@code responseMs} null or {@code failed} counts a failure (a timeout has no response time). */
    void record(boolean failed, Integer responseMs) {
        if (!open) {
            return;
        }
        if (failed || responseMs == null) {
            failures.increment();
        } else {
            histogram.incrementAndGet(Math.min(MAX_MS, Math.max(0, responseMs)));
        }
    }

    Figures figures() {
        long answered = 0;
        for (int ms = 0; ms <= MAX_MS; ms++) {
            answered += histogram.get(ms);
        }
        long failed = failures.sum();
        double seconds = Math.max(1e-9, (closedAt - openedAt) / 1e9);
        return new Figures(answered, failed, seconds, (answered + failed) / seconds, percentile(answered, 0.50),
                percentile(answered, 0.95), percentile(answered, 0.99), percentile(answered, 1.0));
    }

    /** The smallest response time that at least {@code fraction} of the answered reads did not exceed. */
    private long percentile(long answered, double fraction) {
        long rank = Math.max(1, (long) Math.ceil(fraction * answered));
        long seen = 0;
        for (int ms = 0; ms <= MAX_MS; ms++) {
            seen += histogram.get(ms);
            if (seen >= rank) {
                return ms;
            }
        }
        return 0;
    }
}
