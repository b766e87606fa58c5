package io.clarion.standalone.benchmark;

import io.clarion.standalone.DispatcherProcess;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What one audience size of the dispatcher-heap benchmark measured, and how it is printed: the
 * deliveries as the sandbox received them, and the dispatcher's heap as its actuator reported it.
 */
record HeapRun(int audience, BroadcastWatch.Outcome outcome, DeliveryFigures deliveries,
               DispatcherHeapSampler.Heap heap) {
    private static final double MIB = 1024.0 * 1024.0;

    boolean completed() {
        return outcome.completed();
    }

    void print(DispatcherProcess dispatcher) {
        FigureTable table = new FigureTable("dispatcher heap: " + String.format(Locale.ROOT, "%,d", audience)
                + " webhook recipients");
        table.add("broadcast status", outcome.status(), "")
                .add("counts.sent", sent(), "deliveries")
                .add("deliveries (received by sandbox)", deliveries.received(), "messages ("
                        + deliveries.duplicates() + " duplicates)")
                .add("time to last delivery", deliveries.lastMs(), "ms")
                .add("deliveries/s (submit..last)", deliveries.perSecondFromSubmission(), "deliveries/s")
                .add("heap used peak", heap.usedPeak() / MIB, "MiB")
                .add("heap used median", heap.usedMedian() / MIB, "MiB")
                .add("live data after forced full GC, median while running", mib(heap.liveDataWhileRunningMedian()),
                        "MiB (" + heap.liveDataWhileRunning().size() + " forced GCs, every "
                                + DispatcherHeapSampler.FULL_GC_SECONDS + " s)")
                .add("live data after forced full GC, max while running", mib(heap.liveDataWhileRunningMax()), "MiB")
                .add("live data after forced full GC, after the end", mib(heap.liveDataAfterEnd()), "MiB")
                .add("old gen used after GC (max)", percent(heap.oldGenAfterGcMax()), "% of old gen")
                .add("heap max (-Xmx)", heap.max() / MIB, "MiB")
                .add("heap samples", heap.samples(), "every " + DispatcherHeapSampler.SAMPLE_MILLIS + " ms ("
                        + heap.failures() + " failed)");
        table.note("heap: the dispatcher process only (its actuator's jvm.memory.used area:heap); log: "
                + dispatcher.log());
        if (!completed()) {
            table.note("the broadcast did NOT complete: status " + outcome.status() + " after "
                    + outcome.elapsed().toSeconds() + " s (timeout " + BroadcastWatch.TIMEOUT.toMinutes() + " min)");
        }
        table.print(System.out);
    }

    /** The largest run's figures over the smallest's: heap figures near 1 mean a flat heap. */
    static void printRatios(HeapRun smallest, HeapRun largest) {
        FigureTable table = new FigureTable(String.format(Locale.ROOT, "ratio %,d / %,d recipients",
                largest.audience, smallest.audience));
        table.add("audience", ratio(largest.audience, smallest.audience), "x")
                .add("deliveries", ratio(largest.deliveries.received(), smallest.deliveries.received()), "x")
                .add("time to last delivery", ratio(largest.deliveries.lastMs(), smallest.deliveries.lastMs()), "x")
                .add("deliveries/s", ratio(largest.deliveries.perSecondFromSubmission(),
                        smallest.deliveries.perSecondFromSubmission()), "x")
                .add("heap used peak", ratio(largest.heap.usedPeak(), smallest.heap.usedPeak()), "x (flat: ~1)")
                .add("heap used median", ratio(largest.heap.usedMedian(), smallest.heap.usedMedian()), "x (flat: ~1)")
                .add("live data after forced GC, median while running", ratio(largest.heap.liveDataWhileRunningMedian(),
                        smallest.heap.liveDataWhileRunningMedian()), "x (flat: ~1)")
                .add("live data after forced GC, after the end", ratio(largest.heap.liveDataAfterEnd(),
                        smallest.heap.liveDataAfterEnd()), "x (flat: ~1)")
                .add("old gen used after GC (max)", ratio(largest.heap.oldGenAfterGcMax(),
                        smallest.heap.oldGenAfterGcMax()), "x");
        table.note("a ratio is n/a where a figure is missing or 0");
        table.print(System.out);
    }

    private long sent() {
        return outcome.counts().get("sent") instanceof Number n ? n.longValue() : -1;
    }

    private static String mib(OptionalDouble bytes) {
        return bytes.isPresent() ? String.format(Locale.ROOT, "%,.1f", bytes.getAsDouble() / MIB) : "n/a";
    }

    private static String percent(OptionalDouble share) {
        return share.isPresent() ? String.format(Locale.ROOT, "%.1f", share.getAsDouble() * 100) : "n/a";
    }

    private static String ratio(OptionalDouble of, OptionalDouble to) {
        return of.isPresent() && to.isPresent() ? ratio(of.getAsDouble(), to.getAsDouble()) : "n/a";
    }

    private static String ratio(double of, double to) {
        return to <= 0 || of <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", of / to);
    }
}
