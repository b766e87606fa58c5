package io.clarion.standalone.benchmark;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples a dispatcher's heap from its actuator every {@value #SAMPLE_MILLIS} ms on a daemon thread,
 * from {@link #start} until {@link #stop}: heap used (the sum of the heap pools), the live data after
 * the last major GC and the old generation's usage after the last GC. Live data is taken only from
 * samples after a major GC that happened within the interval, so a value left over from an earlier
 * interval is never reported as this one's. A failed sample is counted and skipped: a busy dispatcher
 * may answer late, and one missed sample does not change a peak or a median much.
 */
final class DispatcherHeapSampler {
    static final long SAMPLE_MILLIS = 500;
    private static final String HEAP = "area:heap";
    private static final String MAJOR_GC = "action:end of major GC";

    private final ActuatorMetrics metrics;
    private final double majorGcsAtStart;
    private final Queue<Double> used = new ConcurrentLinkedQueue<>();
    private final Queue<Double> liveData = new ConcurrentLinkedQueue<>();
    private final Queue<Double> oldGenAfterGc = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "benchmark-dispatcher-heap-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private DispatcherHeapSampler(ActuatorMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.majorGcsAtStart = majorGcs();
        sampler.scheduleAtFixedRate(this::sampleOrCount, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The dispatcher's heap over the interval, in bytes.
     *
     * @param liveDataMax      the largest live data after a major GC within the interval; empty without one
     * @param oldGenAfterGcMax the largest share (0..1) of the old generation in use after a GC
     */
    record Heap(int samples, int failures, double usedPeak, double usedMedian, long majorGcs,
                OptionalDouble liveDataMax, OptionalDouble oldGenAfterGcMax, double max) {
    }

    static DispatcherHeapSampler start(ActuatorMetrics metrics) {
        return new DispatcherHeapSampler(metrics);
    }

    /** Stops sampling, takes one last sample and returns the figures. */
    Heap stop() throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        sampleOrCount();
        List<Double> sorted = used.stream().sorted().toList();
        return new Heap(sorted.size(), failures.get(), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                median(sorted), (long) (majorGcs() - majorGcsAtStart), max(liveData), max(oldGenAfterGc),
                metrics.read("jvm.memory.max", HEAP, "VALUE").orElse(0));
    }

    private void sampleOrCount() {
        try {
            sample();
        } catch (UncheckedIOException | IllegalStateException e) {
            failures.incrementAndGet();
        }
    }

    private void sample() {
        metrics.read("jvm.memory.used", HEAP, "VALUE").ifPresent(used::add);
        metrics.read("jvm.memory.usage.after.gc", HEAP, "VALUE").ifPresent(oldGenAfterGc::add);
        if (majorGcs() > majorGcsAtStart) {
            metrics.read("jvm.gc.live.data.size", null, "VALUE").ifPresent(liveData::add);
        }
    }

    /** Major collections since the dispatcher started; the timer exists only after the first. */
    private double majorGcs() {
        return metrics.read("jvm.gc.pause", MAJOR_GC, "COUNT").orElse(0);
    }

    private static double median(List<Double> sorted) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() / 2.0) - 1);
    }

    private static OptionalDouble max(Queue<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max();
    }
}
