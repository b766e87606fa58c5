package io.clarion.standalone.benchmark;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Broadcasts that are not measured, sent before the measured ones: update v1 of {@value #INCIDENT} to the first
 * N seeded recipients, in broadcasts of at most {@value #CHUNK} named recipients (the most one broadcast may
 * name), one after the other. A dispatcher in production has been running: its JIT compiler has compiled the
 * delivery path and its connection pools are open. A fresh benchmark JVM compiles while it measures (the figures
 * print the compiler's CPU time); the warm-up lets it measure the steady state. Its own incident keeps its lanes,
 * claims and figures apart from the measured broadcast's. Being SEV3, it goes through the bulk topic and lanes, while
 * the measured SEV1 broadcast goes through the urgent ones: the same code, other consumers.
 */
final class WarmUp {
    static final String INCIDENT = "INC-BENCH-WARMUP";
    static final int CHUNK = 10_000;

    private final GatewayClient gateway;
    private final List<String> channels;

    WarmUp(GatewayClient gateway, List<String> channels) {
        this.gateway = requireNonNull(gateway, "gateway");
        this.channels = List.copyOf(channels);
    }

    /** Sends the warm-up to the first {@code recipients} seeded recipients and waits until each part ends. */
    void run(int recipients) throws InterruptedException {
        if (recipients <= 0) {
            return;
        }
        BenchmarkSeed.incidentWithUpdate(gateway, INCIDENT, "Benchmark: warm-up", "SEV3",
                Map.of("status", "monitoring", "body", "Warming the engine up; not measured."));
        System.out.printf("%nbenchmark: warm-up broadcast of %s to %,d recipients (not measured)%n", INCIDENT,
                recipients);
        long start = System.nanoTime();
        BroadcastWatch watch = new BroadcastWatch(gateway);
        for (int from = 0; from < recipients; from += CHUNK) {
            List<String> ids = IntStream.range(from, Math.min(recipients, from + CHUNK))
                    .mapToObj(BenchmarkSeed::recipientId).toList();
            BroadcastWatch.Outcome part = watch.broadcastTo(INCIDENT, Map.of("recipients", ids), channels);
            if (!part.completed()) {
                throw new IllegalStateException("warm-up broadcast " + part.id() + " ended " + part.status());
            }
        }
        System.out.printf("benchmark: warm-up completed in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
