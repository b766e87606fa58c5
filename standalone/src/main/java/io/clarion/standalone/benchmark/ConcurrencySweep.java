package io.clarion.standalone.benchmark;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.ProviderSandbox;
import io.clarion.standalone.Engine;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fan-out benchmark once per value of {@code clarion.delivery.concurrency}: the tuning curve. One devstack for
 * the whole sweep; per value a fresh engine started with that concurrency, in a namespace of its own (database,
 * topics, Redis keys), an empty sandbox, the same N recipients seeded through the API and the same broadcast. It
 * prints one row per value as it finishes and, at the end, the whole curve as a Markdown table for
 * {@code docs/tuning.md}.
 *
 * <p>The values run in the order given on one JVM, so the first one runs on a colder JIT than the rest: repeat it
 * at the end ({@code 64,128,256,512,1024,64}) to see how much that weighs. Returns 0 when every broadcast
 * completed, 2 otherwise.
 */
final class ConcurrencySweep {
    private static final String API_KEY = "benchmark-key";
    private static final String HEADER = "| `clarion.delivery.concurrency` | deliveries/s (first..last) "
            + "| deliveries/s (submit..last) | p50 latency (ms) | p99 latency (ms) | time to last (ms) | status |";

    private record Point(int concurrency, DeliveryFigures figures, String status) {
        String row() {
            return String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %s |", concurrency,
                    figures.perSecondFirstToLast(), figures.perSecondFromSubmission(), figures.p50Ms(),
                    figures.p99Ms(), figures.lastMs(), status);
        }
    }

    private ConcurrencySweep() {
    }

    static int run(int recipients, List<String> channels, List<Integer> concurrencies, PrintStream out)
            throws InterruptedException {
        out.printf("benchmark: concurrency sweep %s, %,d recipients on %s%n", concurrencies, recipients,
                String.join(", ", channels));
        List<Point> curve = new ArrayList<>();
        try (DevStack stack = DevStack.start()) {
            for (int concurrency : concurrencies) {
                Point point = measure(stack, recipients, channels, concurrency);
                curve.add(point);
                out.printf("%nbenchmark: concurrency %d done%n%s%n%s%n", concurrency, HEADER, point.row());
            }
        }
        print(curve, recipients, channels, out);
        return curve.stream().allMatch(point -> point.status().equals("completed")) ? 0 : 2;
    }

    private static Point measure(DevStack stack, int recipients, List<String> channels, int concurrency)
            throws InterruptedException {
        ProviderSandbox sandbox = stack.sandbox();
        sandbox.clear();
        Namespace namespace = stack.newNamespace("sweep-c" + concurrency);
        try (Engine engine = Engine.start(stack, namespace, 0, API_KEY,
                Map.of("clarion.delivery.concurrency", concurrency))) {
            GatewayClient gateway = new GatewayClient(engine.gatewayUrl(), API_KEY);
            new BenchmarkSeed(gateway, sandbox, channels).seed(recipients);
            BroadcastWatch.Outcome outcome = new BroadcastWatch(gateway).broadcast(BenchmarkSeed.INCIDENT,
                    BenchmarkSeed.SEGMENT, channels);
            DeliveryFigures figures = DeliveryFigures.of(sandbox.messages().stream()
                    .filter(message -> channels.contains(message.channel()))
                    .filter(message -> BenchmarkSeed.INCIDENT.equals(message.incidentId())).toList(),
                    outcome.submittedAt());
            return new Point(concurrency, figures, outcome.completed() ? "completed" : "NOT completed: "
                    + outcome.status());
        }
    }

    private static void print(List<Point> curve, int recipients, List<String> channels, PrintStream out) {
        out.printf("%n== concurrency sweep: %,d recipients on %s, %d processors ==%n%n", recipients,
                String.join(", ", channels), Runtime.getRuntime().availableProcessors());
        out.println(HEADER);
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        curve.forEach(point -> out.println(point.row()));
        out.println();
        out.println("  note: one engine per value, each with a fresh namespace and an empty sandbox; latencies are "
                + "sandbox receivedAt minus the instant just before POST /v1/broadcasts");
        out.flush();
    }

    /** {@code 64,128,256} as values; blank or {@code none} is none (no sweep). */
    static List<Integer> concurrencies(String argument) {
        if (argument == null || argument.isBlank() || argument.strip().equals("none")) {
            return List.of();
        }
        List<Integer> values = Arrays.stream(argument.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                .map(Integer::parseInt).toList();
        values.stream().filter(value -> value < 1).findFirst().ifPresent(value -> {
            throw new IllegalArgumentException("benchmark.concurrencies: " + value + " (expected: > 0)");
        });
        return values;
    }
}
