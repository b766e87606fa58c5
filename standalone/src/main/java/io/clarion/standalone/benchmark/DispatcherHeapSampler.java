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
 * from {@link #start} until {@link #stop}: heap used (the sum of the heap pools) and the old generation's
 * usage after the last GC. Every {@value #FULL_GC_SECONDS} s, and once more at {@link #stop}, it forces a
 * full GC in the dispatcher ({@link FullGc}) and reads the live data it left: that is what the dispatcher
 * holds, whatever its collector happened to do, so it compares like for like across audience sizes. A
 * failed sample is counted and skipped: a busy dispatcher may answer late, and one missed sample does not
 * change a peak or a median much.
 */
final class DispatcherHeapSampler {
    static final long SAMPLE_MILLIS = 500;
    static final long FULL_GC_SECONDS = 10;
    private static final long LIVE_DATA_WAIT_MILLIS = 5_000;
    private static final String HEAP = "area:heap";
    private static final String MAJOR_GC = "action:end of major GC";

    private final ActuatorMetrics metrics;
    private final FullGc fullGc;
    private final Queue<Double> used = new ConcurrentLinkedQueue<>();
    private final Queue<Double> liveData = new ConcurrentLinkedQueue<>();
    private final Queue<Double> oldGenAfterGc = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final ScheduledExecutorService sampler = daemon("benchmark-dispatcher-heap-sampler");
    private final ScheduledExecutorService collector = daemon("benchmark-dispatcher-full-gc");

    private DispatcherHeapSampler(ActuatorMetrics metrics, FullGc fullGc) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.fullGc = requireNonNull(fullGc, "fullGc");
        sampler.scheduleAtFixedRate(this::sampleOrCount, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        collector.scheduleWithFixedDelay(this::collectWhileRunning, FULL_GC_SECONDS, FULL_GC_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The dispatcher's heap over the interval, in bytes.
     *
     * @param liveDataWhileRunning live data after each forced full GC while the broadcast ran, in the order taken
     * @param liveDataAfterEnd     live data after the forced full GC once it ended; empty when that one failed
     * @param oldGenAfterGcMax     the largest share (0..1) of the old generation in use after a GC
     */
    record Heap(int samples, int failures, double usedPeak, double usedMedian,
                List<Double> liveDataWhileRunning, OptionalDouble liveDataAfterEnd, OptionalDouble oldGenAfterGcMax,
                double max) {
        OptionalDouble liveDataWhileRunningMedian() {
            List<Double> sorted = liveDataWhileRunning.stream().sorted().toList();
            return sorted.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(median(sorted));
        }

        OptionalDouble liveDataWhileRunningMax() {
            return liveDataWhileRunning.stream().mapToDouble(Double::doubleValue).max();
        }
    }

    static DispatcherHeapSampler start(ActuatorMetrics metrics, FullGc fullGc) {
        return new DispatcherHeapSampler(metrics, fullGc);
    }

    /** Stops sampling, takes one last sample and one last forced full GC, and returns the figures. */
    Heap stop() throws InterruptedException {
        collector.shutdown();
        sampler.shutdown();
        collector.awaitTermination(2 * FullGc.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        sampleOrCount();
        OptionalDouble afterEnd = collectOrCount();
        List<Double> sorted = used.stream().sorted().toList();
        return new Heap(sorted.size(), failures.get(), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                median(sorted), List.copyOf(liveData), afterEnd,
                max(oldGenAfterGc), metrics.read("jvm.memory.max", HEAP, "VALUE").orElse(0));
    }

    private void collectWhileRunning() {
        collectOrCount().ifPresent(liveData::add);
    }

    private OptionalDouble collectOrCount() {
        try {
            return OptionalDouble.of(collect());
        } catch (UncheckedIOException | IllegalStateException e) {
            System.err.println("benchmark: forced full GC not measured: " + e.getMessage());
            failures.incrementAndGet();
            return OptionalDouble.empty();
        }
    }

    /** Forces a full GC and answers the live data it left, once the dispatcher's metrics have seen it. */
    private double collect() {
        double before = majorGcs();
        fullGc.run();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIVE_DATA_WAIT_MILLIS);
        while (majorGcs() <= before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the forced full GC did not show in jvm.gc.pause within "
                        + LIVE_DATA_WAIT_MILLIS + " ms");
            }
            sleep(50);
        }
        sleep(100); // the same notification sets the live-data gauge, just after the pause count
        return metrics.read("jvm.gc.live.data.size", null, "VALUE")
                .orElseThrow(() -> new IllegalStateException("no jvm.gc.live.data.size after a full GC"));
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
    }

    /** Major collections since the dispatcher started; the timer exists only after the first. */
    private double majorGcs() {
        return metrics.read("jvm.gc.pause", MAJOR_GC, "COUNT").orElse(0);
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<Double> sorted) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() / 2.0) - 1);
    }

    private static OptionalDouble max(Queue<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max();
    }
}
