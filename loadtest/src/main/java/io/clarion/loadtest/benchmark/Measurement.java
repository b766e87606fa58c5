package io.clarion.loadtest.benchmark;

import java.util.Arrays;

/**
 * What one measured phase achieved: {@code operations} over {@code seconds} of wall-clock time, the
 * process CPU time spent meanwhile, latency percentiles (nearest rank, 0 when not measured) and the
 * heap peak. CPU and heap are this JVM's, which also holds the engine and the provider sandbox.
 */
record Measurement(String name, long operations, double seconds, double cpuSeconds, double p50Ms, double p99Ms,
                   long heapPeakBytes) {

    double perSecond() {
        return seconds <= 0 ? 0 : operations / seconds;
    }

    double perCpuSecond() {
        return cpuSeconds <= 0 ? 0 : operations / cpuSeconds;
    }

    /** Nearest-rank percentile of unsorted latencies in nanoseconds, as milliseconds. */
    static double percentileMs(long[] latencyNanos, int percent) {
        if (latencyNanos.length == 0) {
            return 0;
        }
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }
}
