package io.clarion.loadtest.benchmark;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.dispatcher.claim.DeliveryClaims;
import io.clarion.standalone.Engine;
import io.clarion.standalone.benchmark.GatewayClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clarion against the raw capability of the same machine, in one run: starts devstack and the engine
 * (one JVM), seeds N webhook recipients (argument 0, default 100,000), then measures, one after another,
 * B_http (bare reactor-netty client to the sandbox's webhook receiver), B_kafka (produce and consume of
 * delivery-sized records with Clarion's settings, with plain kafka-clients and with reactor-kafka, whose
 * consume also runs with reactor-kafka's own out-of-order commits and with in-order acknowledgements, to
 * show what each commit mode costs; each Kafka measurement is the second of two passes, the first warming
 * up),
 * B_redis (Clarion's claim script and a bucket4j token-bucket check, pipelined) and finally Clarion end
 * to end: one webhook broadcast to all N. Each baseline does N operations. Prints one table; then runs
 * argument 1 (default 4) more SEV1 broadcasts of new versions to the same N, one after another, and prints
 * the time to first message of all of them.
 *
 * <p>It asserts nothing. Exit code 0 when the broadcast completed, 2 when it did not, 1 on any error.
 */
public final class BaselineBenchmark {
    private static final String API_KEY = "benchmark-key";

    private BaselineBenchmark() {
    }

    public static void main(String[] args) {
        int exitCode = 1;
        try {
            exitCode = run(recipients(args), ttfmSamples(args));
        } catch (Exception e) {
            System.err.println("baseline benchmark: failed: " + e);
            e.printStackTrace();
        }
        System.out.flush();
        // Stray non-daemon threads (clients, schedulers) must not keep a finished benchmark alive.
        System.exit(exitCode);
    }

    private static int run(int n, int ttfmSamples) throws InterruptedException {
        try (DevStack stack = DevStack.start()) {
            Namespace namespace = stack.newNamespace("baseline");
            try (Engine engine = Engine.start(stack, namespace, 0, API_KEY, Map.of())) {
                EndToEndRun endToEnd = new EndToEndRun(new GatewayClient(engine.gatewayUrl(), API_KEY), stack.sandbox());
                phase("seeding " + n + " recipients");
                endToEnd.seed(n);
                List<Measurement> baselines = baselines(stack, namespace, engine, n);
                phase("Clarion end to end: one webhook broadcast to " + n + " recipients");
                EndToEndRun.Result clarion = endToEnd.broadcast();
                ResultTable.print(System.out, baselines, clarion);
                ResultTable.printReactorKafkaRatio(System.out, baselines.get(1), baselines.get(3), baselines.get(2),
                        baselines.get(4), baselines.get(5), baselines.get(6));
                phase(ttfmSamples + " more SEV1 broadcasts to " + n + " recipients, for time to first message");
                printTimeToFirstMessage(clarion.firstMs(), endToEnd.timesToFirstMessage(ttfmSamples));
                return "completed".equals(clarion.status()) ? 0 : 2;
            }
        }
    }

    private static List<Measurement> baselines(DevStack stack, Namespace namespace, Engine engine, int n)
            throws InterruptedException {
        List<Measurement> measured = new ArrayList<>();
        phase("B_http");
        measured.add(HttpBaseline.run(stack.sandbox(), n));
        stack.sandbox().clear();
        String bootstrap = stack.kafkaBootstrap();
        String plain = namespace.topic("baseline.plain");
        String reactor = namespace.topic("baseline.reactor");
        phase("B_kafka (kafka-clients)");
        measured.add(secondPass(pass -> PlainKafkaBaseline.produce(bootstrap, plain + "." + pass, n)));
        measured.add(secondPass(pass -> PlainKafkaBaseline.consume(bootstrap, plain + ".2", plain + ".group." + pass, n)));
        phase("B_kafka (reactor-kafka)");
        measured.add(secondPass(pass -> ReactorKafkaBaseline.produce(bootstrap, reactor + "." + pass, n)));
        measured.add(secondPass(pass -> ReactorKafkaBaseline.consume(bootstrap, reactor + ".2", reactor + ".group." + pass,
                n)));
        measured.add(secondPass(pass -> ReactorKafkaBaseline.consumeOutOfOrder(bootstrap, reactor + ".2",
                reactor + ".out-of-order." + pass, n)));
        measured.add(secondPass(pass -> ReactorKafkaBaseline.consumeInOrder(bootstrap, reactor + ".2",
                reactor + ".in-order." + pass, n)));
        phase("B_redis");
        measured.add(RedisBaseline.run(engine.dispatcherBean(DeliveryClaims.class), stack.redisUri(),
                namespace.redisKey("clarion:"), n));
        return measured;
    }

    /** One pass of a Kafka baseline; {@code pass} (1, 2) tells the passes' topics or groups apart. */
    private interface KafkaPass {
        Measurement run(int pass) throws InterruptedException;
    }

    /**
     * Runs a Kafka baseline twice and keeps the second pass: the first warms the JIT and the broker's page
     * cache, so neither client is measured cold just because it runs first.
     */
    private static Measurement secondPass(KafkaPass pass) throws InterruptedException {
        pass.run(1);
        return pass.run(2);
    }

    private static void printTimeToFirstMessage(double firstMs, long[] moreNanos) {
        double[] ms = new double[moreNanos.length + 1];
        ms[0] = firstMs;
        for (int i = 0; i < moreNanos.length; i++) {
            ms[i + 1] = moreNanos[i] / 1e6;
        }
        java.util.Arrays.sort(ms);
        System.out.printf("%n== time to first message, SEV1 broadcast, %d samples ==%n", ms.length);
        System.out.printf("  samples (ms)  %s%n", java.util.Arrays.toString(java.util.Arrays.stream(ms)
                .map(v -> Math.round(v)).toArray()));
        System.out.printf("  p50 %.0f ms, max %.0f ms (the p99 of so few samples is their maximum)%n",
                ms[ms.length / 2], ms[ms.length - 1]);
    }

    private static int ttfmSamples(String[] args) {
        int samples = args.length < 2 || args[1].isBlank() ? 4 : Integer.parseInt(args[1].trim());
        if (samples < 0) {
            throw new IllegalArgumentException("ttfm samples: " + samples + " (expected: >= 0)");
        }
        return samples;
    }

    private static void phase(String name) {
        System.out.println("baseline benchmark: " + name);
    }

    private static int recipients(String[] args) {
        int n = args.length == 0 || args[0].isBlank() ? 100_000 : Integer.parseInt(args[0].trim());
        if (n <= 0) {
            throw new IllegalArgumentException("recipients: " + n + " (expected: > 0)");
        }
        return n;
    }
}
