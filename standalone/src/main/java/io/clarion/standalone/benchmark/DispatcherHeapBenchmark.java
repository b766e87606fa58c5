package io.clarion.standalone.benchmark;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.ProviderSandbox;
import io.clarion.devstack.sandbox.SandboxMessage;
import io.clarion.standalone.DispatcherProcess;
import io.clarion.standalone.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The dispatcher-heap benchmark: does the dispatcher's heap stay flat as the audience grows? For each
 * audience size of argument 0 (comma-separated, default {@value #DEFAULT_AUDIENCES}), in ascending order,
 * it seeds that many webhook recipients, broadcasts one update to them and samples the heap of ONE
 * dispatcher, running in its own process ({@link DispatcherProcess}: {@code -Xmx384m}, serial GC), from
 * its actuator while the broadcast runs, forcing a full GC every few seconds and after the end to read what
 * the dispatcher really holds ({@link DispatcherHeapSampler}). The gateway and the provider sandbox run in this JVM, so the
 * sandbox's inbox (which keeps every message) weighs on this JVM only; it is emptied after each size.
 * It prints one table per size and the ratio of the largest size's figures to the smallest's: a flat heap
 * has heap ratios near 1.
 *
 * <p>Sizes run in ascending order because each seeding re-imports recipients {@code bench-0..n-1} into
 * the one segment: the segment then holds exactly the current size. It asserts nothing. It exits 0 when
 * every broadcast completed, 2 when one did not (what was reached is printed), 1 on any other error.
 */
public final class DispatcherHeapBenchmark {
    private static final String DEFAULT_AUDIENCES = "100000,1000000";
    private static final String API_KEY = "benchmark-key";

    private DispatcherHeapBenchmark() {
    }

    public static void main(String[] args) {
        int exitCode = 1;
        try {
            exitCode = run(audiences(args.length == 0 ? DEFAULT_AUDIENCES : args[0]));
        } catch (Exception e) {
            System.err.println("benchmark: failed: " + e);
            e.printStackTrace();
        }
        System.out.flush();
        // Stray non-daemon threads (clients, schedulers) must not keep a finished benchmark alive.
        System.exit(exitCode);
    }

    private static int run(List<Integer> audiences) throws InterruptedException {
        try (DevStack stack = DevStack.start()) {
            Namespace namespace = stack.newNamespace("heap_benchmark");
            int managementPort = freePort();
            try (Engine gateway = Engine.gatewayOnly(stack, namespace, 0, API_KEY, Map.of());
                 DispatcherProcess dispatcher = startDispatcher(stack, namespace, managementPort)) {
                GatewayClient client = new GatewayClient(gateway.gatewayUrl(), API_KEY);
                ActuatorMetrics metrics = new ActuatorMetrics("http://127.0.0.1:" + managementPort);
                List<HeapRun> runs = new ArrayList<>();
                for (int audience : audiences) {
                    runs.add(measure(audience, client, stack.sandbox(), metrics, new FullGc(dispatcher.pid())));
                    runs.get(runs.size() - 1).print(dispatcher);
                }
                HeapRun.printRatios(runs.get(0), runs.get(runs.size() - 1));
                return runs.stream().allMatch(HeapRun::completed) ? 0 : 2;
            }
        }
    }

    /** One dispatcher process whose actuator also serves {@code /actuator/metrics}, on a known port. */
    private static DispatcherProcess startDispatcher(DevStack stack, Namespace namespace, int managementPort) {
        System.out.printf("benchmark: starting the dispatcher process (management port %d)%n", managementPort);
        DispatcherProcess dispatcher = DispatcherProcess.start("heap-bench", stack, namespace, Map.of(
                "server.port", managementPort,
                "management.endpoints.web.exposure.include", "health,info,metrics,prometheus"));
        // Ctrl-C skips try-with-resources; the child JVM must not outlive this one.
        Runtime.getRuntime().addShutdownHook(new Thread(dispatcher::close, "benchmark-dispatcher-stop"));
        return dispatcher;
    }

    private static HeapRun measure(int audience, GatewayClient client, ProviderSandbox sandbox,
                                   ActuatorMetrics metrics, FullGc fullGc) throws InterruptedException {
        BenchmarkSeed.Seeded seeded = seed(audience, client, sandbox);
        System.out.printf("benchmark: %,d recipients: broadcasting update v%d of %s%n", audience, seeded.version(),
                BenchmarkSeed.INCIDENT);
        DispatcherHeapSampler sampler = DispatcherHeapSampler.start(metrics, fullGc);
        BroadcastWatch.Outcome outcome = new BroadcastWatch(client).broadcast(BenchmarkSeed.INCIDENT,
                BenchmarkSeed.SEGMENT);
        DispatcherHeapSampler.Heap heap = sampler.stop();
        DeliveryFigures deliveries = DeliveryFigures.of(received(sandbox, seeded.version()), outcome.submittedAt());
        sandbox.clear();
        return new HeapRun(audience, outcome, deliveries, heap);
    }

    private static BenchmarkSeed.Seeded seed(int audience, GatewayClient client, ProviderSandbox sandbox) {
        System.out.printf("%nbenchmark: seeding %,d recipients%n", audience);
        BenchmarkSeed.Seeded seeded = new BenchmarkSeed(client, sandbox).seed(audience);
        if (seeded.segmentSize() != audience) {
            throw new IllegalStateException("segment " + BenchmarkSeed.SEGMENT + ": " + seeded.segmentSize()
                    + " recipients (expected: " + audience + ")");
        }
        return seeded;
    }

    private static List<SandboxMessage> received(ProviderSandbox sandbox, int version) {
        return sandbox.messages("webhook").stream()
                .filter(m -> BenchmarkSeed.INCIDENT.equals(m.incidentId()) && Long.valueOf(version).equals(m.version()))
                .toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> audiences(String argument) {
        List<Integer> audiences = Arrays.stream(argument.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Integer::parseInt).distinct().sorted().toList();
        if (audiences.isEmpty() || audiences.get(0) <= 0) {
            throw new IllegalArgumentException("audiences: " + argument + " (expected: comma-separated sizes > 0)");
        }
        return audiences;
    }
}
