package io.clarion.standalone.benchmark;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.ProviderSandbox;
import io.clarion.standalone.Engine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fan-out benchmark: one SEV1 update broadcast to N recipients (argument 0, default 100,000) on the
 * channels of argument 1 (comma-separated, default {@code webhook}; {@code email,sms,push,webhook} is the
 * mixed broadcast, every channel through its real SDK against the sandbox) on devstack, with the whole engine in this JVM. It seeds through the public API, submits the
 * broadcast, polls until it completes, and prints one {@code name value unit} line per figure: latency
 * to first and last delivery, p50/p99 delivery latency, deliveries per second (in total and per channel)
 * and per CPU-second,
 * duplicates, the broadcast's final counts, and heap peaks.
 *
 * <p>With argument 2, comma-separated values of {@code clarion.delivery.concurrency}
 * ({@code -Dbenchmark.concurrencies=64,128,256,512,1024}), it runs the same broadcast once per value instead, each
 * on a fresh engine, and prints the curve: deliveries/s and p50/p99 delivery latency per value
 * ({@link ConcurrencySweep}).
 * <p>Argument 3 {@code compare} ({@code -Dbenchmark.templates=compare}) runs {@link TemplatesComparison} instead:
 * the same audience broadcast twice in this one run, without and with templates and redaction, and the ratio.
 *
 * <p>It also prints the Redis commands per delivery during the broadcast ({@link RedisCommandCount}), and with
 * argument 4 a file name ({@code -Dbenchmark.jfr=target/fanout.jfr}) it records the broadcast with JFR and prints
 * where the CPU went ({@link JfrProfile}). Argument 5, a number of recipients ({@code -Dbenchmark.warmup=300000},
 * default 0), first sends them a broadcast that is not measured ({@link WarmUp}): the figures are then a running
 * dispatcher's, without the fresh JVM's JIT compilation (printed as the JIT compiler's CPU during the broadcast).
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
    private static final int LIMIT_PER_SECOND = 100_000;
    /**
     * Messages the sandbox inbox keeps (its newest): the figures come from a {@link ReceivedLog} instead, so the heap
     * this JVM reports is the engine's, not a million stored messages'.
     */
    private static final int SANDBOX_KEEP = 10_000;

    private FanOutBenchmark() {
    }

    public static void main(String[] args) {
        int exitCode = 1;
        try {
            List<Integer> concurrencies = ConcurrencySweep.concurrencies(args.length > 2 ? args[2] : null);
            exitCode = concurrencies.isEmpty() ? run(recipients(args), channels(args), compareTemplates(args),
                    args.length > 4 ? args[4] : null, warmUp(args))
                    : ConcurrencySweep.run(recipients(args), channels(args), concurrencies, System.out);
        } catch (Exception e) {
            System.err.println("benchmark: failed: " + e);
            e.printStackTrace();
        }
        System.out.flush();
        // Stray non-daemon threads (clients, schedulers) must not keep a finished benchmark alive.
        System.exit(exitCode);
    }

    private static int run(int recipients, List<String> channels, boolean compareTemplates, String jfr,
                           int warmUp) throws InterruptedException {
        try (DevStack stack = DevStack.start(0, SANDBOX_KEEP)) {
            Namespace namespace = stack.newNamespace("benchmark");
            ReceivedLog received = ReceivedLog.of(stack.sandbox());
            Map<String, Object> settings = compareTemplates ? TemplatesComparison.ENGINE_SETTINGS : Map.of();
            try (Engine engine = Engine.start(stack, namespace, 0, API_KEY, settings)) {
                GatewayClient gateway = new GatewayClient(engine.gatewayUrl(), API_KEY);
                BenchmarkSeed.Seeded seeded = seed(gateway, stack.sandbox(), recipients, channels);
                if (compareTemplates) {
                    return new TemplatesComparison(gateway, received, recipients, channels).run();
                }
                new WarmUp(gateway, channels).run(warmUp);
                JfrProfile profile = JfrProfile.startIfAsked(jfr);
                try (RedisCommandCount redis = new RedisCommandCount(stack.redisUri(), engine)) {
                    Measured measured = measure(gateway, received, recipients, channels, seeded.version(),
                            BenchmarkSeed.INCIDENT);
                    FigureTable commands = new FigureTable("redis commands during the broadcast");
                    redis.report(commands, measured.deliveries().received());
                    commands.print(System.out);
                    if (profile != null) {
                        profile.report(System.out);
                    }
                    return measured.exitCode();
                } finally {
                    if (profile != null) {
                        profile.close();
                    }
                }
            }
        }
    }

    private static BenchmarkSeed.Seeded seed(GatewayClient gateway, ProviderSandbox sandbox, int recipients,
                                             List<String> channels) {
        System.out.printf("benchmark: seeding %,d recipients%n", recipients);
        long start = System.nanoTime();
        BenchmarkSeed.Seeded seeded = new BenchmarkSeed(gateway, sandbox, channels).seed(recipients);
        raiseLimits(gateway, channels);
        new FigureTable("seeding")
                .add("recipients imported", seeded.imported(), "recipients")
                .add("import time", seconds(seeded.importTime()), "s")
                .add("import rate", seeded.imported() / Math.max(1e-9, seconds(seeded.importTime())), "recipients/s")
                .add("segment size", seeded.segmentSize(), "recipients")
                .add("seeding time", seconds(Duration.ofNanos(System.nanoTime() - start)), "s")
                .print(System.out);
        return seeded;
    }

    /**
     * Sets every channel's provider and tenant bucket to {@value #LIMIT_PER_SECOND}/s (a burst of a twentieth of
     * that): rate limiting stays on, with every bucket taken as in production, but the limits of a fresh install
     * (5,000/s) would measure the defaults, not the engine.
     */
    public static void raiseLimits(GatewayClient gateway, List<String> channels) {
        Map<String, Object> policy = Map.of("capacity", LIMIT_PER_SECOND / 20, "refillTokens", LIMIT_PER_SECOND,
                "refillPeriod", "PT1S");
        for (String channel : channels) {
            gateway.put("/v1/admin/rate-limits/provider:" + channel + ":default", policy);
            gateway.put("/v1/admin/rate-limits/tenant:default:" + channel, policy);
        }
        System.out.printf("benchmark: provider and tenant limits of %s set to %,d/s (rate limiting on)%n",
                String.join(", ", channels), LIMIT_PER_SECOND);
        // dispatchers re-read policies every clarion.rate-limits.refresh-interval (1 s)
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(1_500).toNanos());
    }

    /** One measured broadcast: where it got to and what the sandbox received. */
    record Measured(BroadcastWatch.Outcome outcome, DeliveryFigures deliveries) {
        int exitCode() {
            return outcome.completed() ? 0 : 2;
        }
    }

    /** Broadcasts update {@code version} of {@code incident} to the benchmark segment and prints its figures. */
    static Measured measure(GatewayClient gateway, ReceivedLog received, int recipients, List<String> channels,
                            int version, String incident) throws InterruptedException {
        System.out.printf("%nbenchmark: broadcasting update v%d of %s to segment %s over %s%n",
                version, incident, BenchmarkSeed.SEGMENT, String.join(", ", channels));
        ResourceSampler sampler = ResourceSampler.start();
        BroadcastWatch.Outcome outcome = new BroadcastWatch(gateway).broadcast(incident, BenchmarkSeed.SEGMENT,
                channels);
        ResourceSampler.Usage usage = sampler.stop();
        Map<String, DeliveryFigures> perChannel = new java.util.LinkedHashMap<>();
        channels.forEach(channel -> perChannel.put(channel,
                received.figures(incident, version, List.of(channel), outcome.submittedAt())));
        DeliveryFigures deliveries = received.figures(incident, version, channels, outcome.submittedAt());
        report(recipients, channels, outcome, deliveries, perChannel, usage);
        return new Measured(outcome, deliveries);
    }

    private static void report(int recipients, List<String> channels, BroadcastWatch.Outcome outcome,
                               DeliveryFigures deliveries, Map<String, DeliveryFigures> perChannel,
                               ResourceSampler.Usage usage) {
        FigureTable table = new FigureTable("fan-out: " + String.format("%,d", recipients) + " recipients on "
                + String.join(", ", channels));
        broadcastFigures(table, outcome);
        long duplicates = perChannel.values().stream().mapToLong(DeliveryFigures::duplicates).sum();
        deliveryFigures(table, deliveries, duplicates);
        if (channels.size() > 1) {
            perChannel.forEach((channel, figures) -> channelFigures(table, channel, figures));
        }
        resourceFigures(table, deliveries, usage);
        table.note("gateway, dispatcher, provider sandbox and benchmark client share this JVM; heap and CPU "
                + "are upper bounds for the dispatcher (Kafka, PostgreSQL, Redis run in their own processes); the "
                + "sandbox keeps only its newest " + String.format("%,d", SANDBOX_KEEP) + " messages");
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

    /** {@code duplicates}: messages beyond the first per (channel, recipient). */
    private static void deliveryFigures(FigureTable table, DeliveryFigures deliveries, long duplicates) {
        table.add("received by sandbox", deliveries.received(), "messages")
                .add("distinct recipients", deliveries.distinct(), "recipients")
                .add("duplicates", duplicates, "messages (beyond one per channel and recipient)")
                .add("time to first delivery", deliveries.firstMs(), "ms")
                .add("time to last delivery", deliveries.lastMs(), "ms")
                .add("delivery latency p50", deliveries.p50Ms(), "ms")
                .add("delivery latency p99", deliveries.p99Ms(), "ms")
                .add("throughput first..last", deliveries.perSecondFirstToLast(), "deliveries/s")
                .add("throughput submit..last", deliveries.perSecondFromSubmission(), "deliveries/s");
    }

    private static void channelFigures(FigureTable table, String channel, DeliveryFigures figures) {
        table.add(channel + ": received", figures.received(), "messages (" + figures.duplicates() + " duplicates)")
                .add(channel + ": time to first delivery", figures.firstMs(), "ms")
                .add(channel + ": time to last delivery", figures.lastMs(), "ms")
                .add(channel + ": throughput first..last", figures.perSecondFirstToLast(), "deliveries/s")
                .add(channel + ": delivery latency p99", figures.p99Ms(), "ms");
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
                .add("GC during broadcast", usage.gcCount(), "collections, " + usage.gcMillis() + " ms")
                .add("JIT compiler CPU during broadcast", usage.jitMillis() / 1e3,
                        "CPU-s (C1/C2 compiler threads, in the JVM CPU above; a warm-up leaves less)");
    }

    private static List<String> channels(String[] args) {
        if (args.length < 2 || args[1].isBlank()) {
            return List.of("webhook");
        }
        return java.util.Arrays.stream(args[1].split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
    }

    private static boolean compareTemplates(String[] args) {
        String mode = args.length < 4 ? "off" : args[3].strip();
        if (!mode.equals("off") && !mode.equals("compare")) {
            throw new IllegalArgumentException("benchmark.templates: " + mode + " (expected: off or compare)");
        }
        return mode.equals("compare");
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Recipients of the warm-up broadcast, at most the seeded ones; 0 (the default): none, a cold JVM measures. */
    private static int warmUp(String[] args) {
        int warmUp = args.length < 6 || args[5].isBlank() ? 0 : Integer.parseInt(args[5].strip());
        return Math.min(warmUp, recipients(args));
    }

    private static int recipients(String[] args) {
        int recipients = args.length == 0 || args[0].isBlank() ? DEFAULT_RECIPIENTS : Integer.parseInt(args[0].trim());
        if (recipients <= 0) {
            throw new IllegalArgumentException("recipients: " + recipients + " (expected: > 0)");
        }
        return recipients;
    }
}
