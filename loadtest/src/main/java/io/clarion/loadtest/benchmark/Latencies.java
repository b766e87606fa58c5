package io.clarion.loadtest.benchmark;

import java.util.concurrent.atomic.AtomicInteger;

/** Latencies of up to {@code capacity} operations, recorded from any thread without locks. */
final class Latencies {
    private final long[] nanos;
    private final AtomicInteger next = new AtomicInteger();

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void record(long startNanos) {
        int slot = next.getAndIncrement();
        if (slot < nanos.length) {
            nanos[slot] = System.nanoTime() - startNanos;
        }
    }

    long[] recorded() {
        return java.util.Arrays.copyOf(nanos, Math.min(next.get(), nanos.length));
    }
}
