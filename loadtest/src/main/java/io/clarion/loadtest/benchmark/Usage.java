package io.clarion.loadtest.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * CPU time and heap peak of this JVM over one phase: {@link #start()} resets the heap pools' peaks and
 * reads the process CPU time; {@link #measure} turns the phase's operations and latencies into a
 * {@link Measurement}.
 */
final class Usage {
    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

    private final long startNanos;
    private final long cpuAtStart;

    private Usage() {
        System.gc();
        HEAP_POOLS.forEach(MemoryPoolMXBean::resetPeakUsage);
        this.cpuAtStart = processCpuNanos();
        this.startNanos = System.nanoTime();
    }

    static Usage start() {
        return new Usage();
    }

    long startNanos() {
        return startNanos;
    }

    Measurement measure(String name, long operations, double seconds, long[] latencyNanos) {
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
        long heapPeak = HEAP_POOLS.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Measurement(name, operations, seconds, cpuSeconds, Measurement.percentileMs(latencyNanos, 50),
                Measurement.percentileMs(latencyNanos, 99), heapPeak);
    }

    /** Seconds since {@link #start()}. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
