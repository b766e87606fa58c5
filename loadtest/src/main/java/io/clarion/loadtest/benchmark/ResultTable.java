package io.clarion.loadtest.benchmark;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's table: one row per measured phase (throughput, per CPU-second, p50/p99 latency, heap
 * peak), then each ratio Clarion / baseline. A ratio of throughput says what share of the machine's raw
 * capability for that one resource Clarion reaches while doing all of its work per delivery.
 */
final class ResultTable {
    private static final double MIB = 1024.0 * 1024.0;

    private ResultTable() {
    }

    static void print(PrintStream out, List<Measurement> baselines, EndToEndRun.Result clarion) {
        out.printf("%n== Clarion vs. the raw machine ==%n");
        out.printf(Locale.ROOT, "  %-40s %12s %14s %9s %9s %9s %10s%n", "phase", "ops", "ops/s", "ops/CPU-s", "p50 ms",
                "p99 ms", "heap MiB");
        baselines.forEach(m -> row(out, m));
        row(out, clarion.measurement());
        Measurement c = clarion.measurement();
        out.printf(Locale.ROOT, "%n  Clarion: status %s, counts %s, duplicates %d, time to first message %.1f ms%n",
                clarion.status(), clarion.counts(), clarion.duplicates(), clarion.firstMs());
        out.printf("%n  ratio Clarion / baseline (deliveries/s over baseline ops/s; latency Clarion over baseline)%n");
        for (Measurement b : baselines) {
            out.printf(Locale.ROOT, "  %-40s  throughput %6.3f   per CPU-s %6.3f   p50 %9s   p99 %9s%n", b.name(),
                    ratio(c.perSecond(), b.perSecond()), ratio(c.perCpuSecond(), b.perCpuSecond()),
                    latencyRatio(c.p50Ms(), b.p50Ms()), latencyRatio(c.p99Ms(), b.p99Ms()));
        }
        out.println("  note: CPU-s and heap are this JVM's: gateway + dispatcher + provider sandbox + benchmark client "
                + "(Kafka, PostgreSQL and Redis are separate processes and not counted)");
        out.println("  note: Clarion latency is submit -> sandbox receipt of each delivery; baseline latency is per "
                + "operation; Kafka consume is timed first..last record");
        out.flush();
    }

    static void printReactorKafkaRatio(PrintStream out, Measurement plainProduce, Measurement reactorProduce,
                                       Measurement plainConsume, Measurement reactorConsume,
                                       Measurement reactorConsumeOutOfOrder, Measurement reactorConsumeInOrder) {
        out.printf(Locale.ROOT, "%n  reactor-kafka / kafka-clients: produce %.3f, consume %.3f as Clarion consumes "
                        + "(its commit sequencer); for comparison: %.3f with reactor-kafka's out-of-order commits, "
                        + "%.3f with in-order acknowledgements (records/s)%n",
                ratio(reactorProduce.perSecond(), plainProduce.perSecond()),
                ratio(reactorConsume.perSecond(), plainConsume.perSecond()),
                ratio(reactorConsumeOutOfOrder.perSecond(), plainConsume.perSecond()),
                ratio(reactorConsumeInOrder.perSecond(), plainConsume.perSecond()));
    }

    private static void row(PrintStream out, Measurement m) {
        out.printf(Locale.ROOT, "  %-40s %,12d %,14.0f %,9.0f %9.1f %9.1f %10.0f%n", m.name(), m.operations(),
                m.perSecond(), m.perCpuSecond(), m.p50Ms(), m.p99Ms(), m.heapPeakBytes() / MIB);
    }

    /** "n/a" where the baseline measured no per-operation latency. */
    private static String latencyRatio(double clarion, double baseline) {
        return baseline <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1fx", clarion / baseline);
    }

    private static double ratio(double clarion, double baseline) {
        return baseline <= 0 ? 0 : clarion / baseline;
    }
}
