package io.clarion.standalone.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What this JVM spends over one measured interval: peak heap (the sum of the heap pools' peaks, reset
 * at {@link #start()}), the largest {@code totalMemory - freeMemory} seen by sampling every
 * {@value #SAMPLE_MILLIS} ms, process CPU time, garbage collection and the JIT compiler threads' CPU time (a
 * fresh JVM compiles the code paths a broadcast takes while it runs). The JVM holds the gateway, the
 * dispatcher, the provider sandbox and the benchmark client alike, so every figure is an upper bound
 * for any one of them.
 */
final class ResourceSampler {
    private static final long SAMPLE_MILLIS = 100;
    /** Linux's USER_HZ, the unit of {@code /proc}'s CPU times, on every architecture the JDK supports. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

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

    /**
     * Usage over the interval; bytes and nanoseconds; {@code jitMillis}: CPU time of the JIT compiler threads, or -1
     * where it cannot be read.
     */
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

    /**
     * CPU time of the JIT compiler threads (HotSpot's {@code C1}/{@code C2 CompilerThread}s, which the management
     * beans do not list) from {@code /proc/self/task}; -1 where there is no such directory. The compilation time
     * the JVM reports is wall time per compilation, which a busy machine stretches.
     */
    private static long jitMillis() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            long ticks = threads.mapToLong(ResourceSampler::compilerTicks).sum();
            return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** utime + stime of a compiler thread, in clock ticks; 0 for any other thread or one that has ended. */
    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).strip();
            if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                return 0;
            }
            return cpuTicks(Files.readString(thread.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * utime + stime of a {@code /proc/<pid>/task/<tid>/stat} line, in clock ticks: its 14th and 15th fields, counted
     * after the name in parentheses (which may hold spaces and parentheses itself).
     */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is the state, stat's 3rd field
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n > 0).sum();
    }
}
