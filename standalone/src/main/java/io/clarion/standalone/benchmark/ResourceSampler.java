package io.clarion.standalone.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this JVM spends over one measured interval: peak heap (the sum of the heap pools' peaks, reset
 * at {@link #start()}), the largest {@code totalMemory - freeMemory} seen by sampling every
 * {@value #SAMPLE_MILLIS} ms, process CPU time, garbage collection and the JIT compiler's time (a fresh JVM
 * compiles the code paths a broadcast takes while it runs). The JVM holds the gateway, the
 * dispatcher, the provider sandbox and the benchmark client alike, so every figure is an upper bound
 * for any one of them.
 */
final class ResourceSampler {
    private static final long SAMPLE_MILLIS = 100;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "benchmark-heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong maxRuntimeUsed = new AtomicLong();
    private final long cpuAtStart;
    private final long gcCountAtStart;
    private final long gcMillisAtStart;
    private final long jitMillisAtStart;

    private ResourceSampler() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        cpuAtStart = processCpuNanos();
        gcCountAtStart = gcCount();
        gcMillisAtStart = gcMillis();
        jitMillisAtStart = jitMillis();
        sampler.scheduleAtFixedRate(this::sampleRuntime, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Usage over the interval; bytes and nanoseconds. */
    /** {@code jitMillis}: the compilers' accumulated compile time, or -1 when this JVM does not say. */
    record Usage(long heapPoolPeakBytes, long runtimeUsedMaxBytes, long maxHeapBytes, long cpuNanos,
                 long gcCount, long gcMillis, long jitMillis) {
    }

    /** Resets the heap pools' peaks and starts sampling. */
    static ResourceSampler start() {
        return new ResourceSampler();
    }

    /** Stops sampling and returns what was used since {@link #start()}. */
    Usage stop() {
        sampler.shutdownNow();
        sampleRuntime();
        long heapPeak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Usage(heapPeak, maxRuntimeUsed.get(), Runtime.getRuntime().maxMemory(),
                processCpuNanos() - cpuAtStart, gcCount() - gcCountAtStart, gcMillis() - gcMillisAtStart,
                jitMillisAtStart < 0 ? -1 : jitMillis() - jitMillisAtStart);
    }

    private void sampleRuntime() {
        Runtime runtime = Runtime.getRuntime();
        maxRuntimeUsed.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }

    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n > 0).sum();
    }
}
