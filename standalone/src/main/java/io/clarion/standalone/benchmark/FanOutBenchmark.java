package io.clarion.standalone.benchmark;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.ProviderSandbox;
import io.clarion.devstack.sandbox.SandboxMessage;
import io.clarion.standalone.Engine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fan-out benchmark: one SEV1 update broadcast over webhooks to N recipients (argument 0, default
 * 100,000) on devstack, with the whole engine in this JVM. It seeds through the public API, submits the
 * broadcast, polls until it completes, and prints one {@code name value unit} line per figure: latency
 * to first and last delivery, p50/p99 delivery latency, deliveries per second and per CPU-second,
 * duplicates, the broadcast's final counts, and heap peaks.
 *
 * <p>It asserts nothing. It exits 0 when the broadcast completed, 2 when it did not complete (failed,
 * or still running after {@link BroadcastWatch#TIMEOUT}: what was reached is printed), 1 on any other
 * error. Heap and CPU are the JVM's, which also holds the gateway, the provider sandbox and the
 * benchmark client, so they are upper bounds for the dispatcher.
 */
public final class FanOutBenchmark {
    private static final int DEFAULT_RECIPIENTS = 100_000;
    private static final String API_KEY = "benchmark-key";
    private static final double MIB = 1024.0 * 1024.0;

    private FanOutBenchmark() {
    }

    public static void main(String[] args) {
        int exitCode = 1;
        try {
            exitCode = run(recipients(args));
        } catch (Exception e) {
            System.err.println("benchmark: failed: " + e);
            e.printStackTrace();
        }
        System.out.flush();
        // Stray non-daemon threads (clients, schedulers) must not keep a finished benchmark alive.
        System.exit(exitCode);
    }

    private static int run(int recipients) throws InterruptedException {
        try (DevStack stack = DevStack.start()) {
            Namespace namespace = stack.newNamespace("benchmark");
            try (Engine engine = Engine.start(stack, namespace, 0, API_KEY, Map.of())) {
                GatewayClient gateway = new GatewayClient(engine.gatewayUrl(), API_KEY);
                BenchmarkSeed.Seeded seeded = seed(gateway, stack.sandbox(), recipients);
                return measure(gateway, stack.sandbox(), recipients, seeded);
            }
        }
    }

    private static BenchmarkSeed.Seeded seed(GatewayClient gateway, ProviderSandbox sandbox, int recipients) {
        System.out.printf("benchmark: seeding %,d recipients%n", recipients);
        long start = System.nanoTime();
        BenchmarkSeed.Seeded seeded = new BenchmarkSeed(gateway, sandbox).seed(recipients);
        new FigureTable("seeding")
                .add("recipients imported", seeded.imported(), "recipients")
                .add("import time", seconds(seeded.importTime()), "s")
                .add("import rate", seeded.imported() / Math.max(1e-9, seconds(seeded.importTime())), "recipients/s")
                .add("segment size", seeded.segmentSize(), "recipients")
                .add("seeding time", seconds(Duration.ofNanos(System.nanoTime() - start)), "s")
                .print(System.out);
        return seeded;
    }

    private static int measure(GatewayClient gateway, ProviderSandbox sandbox, int recipients,
                               BenchmarkSeed.Seeded seeded) throws InterruptedException {
        System.out.printf("%nbenchmark: broadcasting update v%d of %s to segment %s over webhook%n",
                seeded.version(), BenchmarkSeed.INCIDENT, BenchmarkSeed.SEGMENT);
        ResourceSampler sampler = ResourceSampler.start();
        BroadcastWatch.Outcome outcome = new BroadcastWatch(gateway).broadcast(BenchmarkSeed.INCIDENT,
                BenchmarkSeed.SEGMENT);
        ResourceSampler.Usage usage = sampler.stop();
        DeliveryFigures deliveries = DeliveryFigures.of(receivedFor(sandbox, BenchmarkSeed.INCIDENT),
                outcome.submittedAt());
        report(recipients, outcome, deliveries, usage);
        return outcome.completed() ? 0 : 2;
    }

    private static List<SandboxMessage> receivedFor(ProviderSandbox sandbox, String incident) {
        return sandbox.messages("webhook").stream().filter(m -> incident.equals(m.incidentId())).toList();
    }

    private static void report(int recipients, BroadcastWatch.Outcome outcome, DeliveryFigures deliveries,
                               ResourceSampler.Usage usage) {
        FigureTable table = new FigureTable("fan-out: " + String.format("%,d", recipients) + " webhook recipients");
        broadcastFigures(table, outcome);
        deliveryFigures(table, deliveries);
        resourceFigures(table, deliveries, usage);
        table.note("gateway, dispatcher, provider sandbox and benchmark client share this JVM; heap and CPU "
                + "are upper bounds for the dispatcher (Kafka, PostgreSQL, Redis run in their own processes)");
        table.note("latencies are sandbox receivedAt minus the instant just before POST /v1/broadcasts");
        if (!outcome.completed()) {
            table.note("the broadcast did NOT complete: status " + outcome.status() + " after "
                    + outcome.elapsed().toSeconds() + " s (timeout " + BroadcastWatch.TIMEOUT.toMinutes() + " min)");
        }
        table.print(System.out);
    }

    private static void broadcastFigures(FigureTable table, BroadcastWatch.Outcome outcome) {
        table.add("broadcast status", outcome.status(), "")
                .add("time to status completed", seconds(outcome.elapsed()), "s (polled every 100 ms)")
                .add("status polls", outcome.polls(), "polls (" + outcome.pollErrors() + " failed)");
        for (String count : List.of("targeted", "sent", "failed", "superseded", "suppressed", "pending")) {
            Object value = outcome.counts().get(count);
            table.add("counts." + count, value instanceof Number n ? n.longValue() : -1, "deliveries");
        }
    }

    private static void deliveryFigures(FigureTable table, DeliveryFigures deliveries) {
        table.add("received by sandbox", deliveries.received(), "messages")
                .add("distinct recipients", deliveries.distinct(), "recipients")
                .add("duplicates", deliveries.duplicates(), "messages")
                .add("time to first delivery", deliveries.firstMs(), "ms")
                .add("time to last delivery", deliveries.lastMs(), "ms")
                .add("delivery latency p50", deliveries.p50Ms(), "ms")
                .add("delivery latency p99", deliveries.p99Ms(), "ms")
                .add("throughput first..last", deliveries.perSecondFirstToLast(), "deliveries/s")
                .add("throughput submit..last", deliveries.perSecondFromSubmission(), "deliveries/s");
    }

    private static void resourceFigures(FigureTable table, DeliveryFigures deliveries, ResourceSampler.Usage usage) {
        double cpuSeconds = usage.cpuNanos() / 1e9;
        table.add("JVM CPU time during broadcast", cpuSeconds, "CPU-s (" + Runtime.getRuntime().availableProcessors()
                        + " processors)")
                .add("deliveries per CPU-second", cpuSeconds <= 0 ? 0 : deliveries.received() / cpuSeconds,
                        "deliveries/CPU-s")
                .add("heap peak (sum of heap pools)", usage.heapPoolPeakBytes() / MIB, "MiB")
                .add("heap used max (sampled 100 ms)", usage.runtimeUsedMaxBytes() / MIB, "MiB")
                .add("heap max (-Xmx)", usage.maxHeapBytes() / MIB, "MiB")
                .add("GC during broadcast", usage.gcCount(), "collections, " + usage.gcMillis() + " ms");
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static int recipients(String[] args) {
        int recipients = args.length == 0 || args[0].isBlank() ? DEFAULT_RECIPIENTS : Integer.parseInt(args[0].trim());
        if (recipients <= 0) {
            throw new IllegalArgumentException("recipients: " + recipients + " (expected: > 0)");
        }
        return recipients;
    }
}
