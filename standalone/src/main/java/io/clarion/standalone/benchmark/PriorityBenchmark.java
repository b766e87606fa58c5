package io.clarion.standalone.benchmark;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import io.clarion.standalone.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The priority benchmark (DESIGN rule 9): a SEV3 webhook broadcast to N recipients (argument 0, default 20,000)
 * under a webhook provider limit (argument 1, default 1,000/s); once it is under way, a SEV1 broadcast to a few
 * other recipients (argument 2, default 50). Prints the time from the SEV1 submission to its last delivery, and
 * the share of the SEV3 broadcast still pending then; then waits for the SEV3 broadcast to arrive whole. Asserts
 * nothing; exits 0 when both broadcasts arrived whole.
 */
public final class PriorityBenchmark {
    private static final String API_KEY = "benchmark-key";
    private static final String TENANT = "bootstrap";
    private static final String BULK_INCIDENT = "INC-BULK";
    private static final String URGENT_INCIDENT = "INC-URGENT";
    private static final String URGENT_TIER = "urgent";

    private PriorityBenchmark() {
    }

    public static void main(String[] args) {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int urgent = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int exitCode = 1;
        try {
            exitCode = run(recipients, limit, urgent);
        } catch (Exception e) {
            System.err.println("benchmark: failed: " + e);
            e.printStackTrace();
        }
        System.out.flush();
        System.exit(exitCode);
    }

    private static int run(int recipients, int limit, int urgent) throws InterruptedException {
        try (DevStack stack = DevStack.start()) {
            Namespace namespace = stack.newNamespace("priority_benchmark");
            try (Engine engine = Engine.start(stack, namespace, 0, API_KEY,
                    Map.of("clarion.rate-limits.refresh-interval", "200ms"))) {
                GatewayClient client = new GatewayClient(engine.gatewayUrl(), API_KEY);
                new BenchmarkSeed(client, stack.sandbox()).seed(recipients);
                seedUrgentRecipients(client, stack, urgent);
                setLimits(client, limit);
                Thread.sleep(1_000);

                broadcast(client, BULK_INCIDENT, "SEV3", BenchmarkSeed.SEGMENT);
                waitFor(() -> arrivals(stack, BULK_INCIDENT).size() >= Math.min(recipients / 10, 2L * limit),
                        Duration.ofMinutes(2));
                Instant submitted = Instant.now();
                broadcast(client, URGENT_INCIDENT, "SEV1", URGENT_TIER);
                boolean urgentArrived = waitFor(() -> arrivals(stack, URGENT_INCIDENT).size() >= urgent,
                        Duration.ofMinutes(5));
                List<Instant> urgentArrivals = arrivals(stack, URGENT_INCIDENT);
                Instant lastUrgent = urgentArrivals.isEmpty() ? Instant.now() : urgentArrivals.get(urgentArrivals.size() - 1);
                long bulkBefore = arrivals(stack, BULK_INCIDENT).stream().filter(t -> !t.isAfter(lastUrgent)).count();
                boolean bulkArrived = waitFor(() -> arrivals(stack, BULK_INCIDENT).size() >= recipients,
                        Duration.ofMinutes(30));

                print(recipients, limit, urgent, Duration.between(submitted, lastUrgent), recipients - bulkBefore,
                        urgentArrived, arrivals(stack, BULK_INCIDENT).size());
                return urgentArrived && bulkArrived ? 0 : 2;
            }
        }
    }

    private static void seedUrgentRecipients(GatewayClient client, DevStack stack, int count) {
        client.postNdjson("/v1/recipients:import", () -> new RecipientLines(i -> Map.of("id", "urgent-" + i,
                "tier", URGENT_TIER, "contacts", Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl("urgent-" + i),
                        "secret", "benchmark-secret"))), 0, count));
        client.put("/v1/segments/" + URGENT_TIER, Map.of("match", Map.of("tier", List.of(URGENT_TIER))));
    }

    private static void setLimits(GatewayClient client, int limit) {
        client.put("/v1/admin/rate-limits/provider:webhook:default",
                Map.of("capacity", Math.max(1, limit / 20), "refillTokens", limit, "refillPeriod", "PT1S"));
        client.put("/v1/admin/rate-limits/tenant:" + TENANT + ":webhook",
                Map.of("capacity", 1000, "refillTokens", 1_000_000, "refillPeriod", "PT1S"));
    }

    private static void broadcast(GatewayClient client, String incident, String severity, String segment) {
        client.put("/v1/incidents/" + incident, Map.of("title", "Priority benchmark", "severity", severity));
        client.post("/v1/incidents/" + incident + "/updates", Map.of("status", "identified", "body", "Benchmark."));
        client.post("/v1/broadcasts", Map.of("incidentId", incident, "audience", Map.of("segments", List.of(segment)),
                "channels", List.of("webhook")));
    }

    private static List<Instant> arrivals(DevStack stack, String incident) {
        return stack.sandbox().messages("webhook").stream().filter(m -> incident.equals(m.incidentId()))
                .map(SandboxMessage::receivedAt).sorted().toList();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition, Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static void print(int recipients, int limit, int urgent, Duration toLast, long bulkPending,
                              boolean urgentArrived, long bulkArrived) {
        System.out.printf("%n== priority: SEV1 to %,d recipients while a SEV3 broadcast to %,d webhooks runs at %,d/s ==%n",
                urgent, recipients, limit);
        System.out.printf("  SEV1 submit -> last SEV1 delivery: %.2f s%s%n", toLast.toNanos() / 1e9,
                urgentArrived ? "" : "  (NOT ALL ARRIVED)");
        System.out.printf("  SEV3 still pending then:          %,d of %,d (%.1f%%)%n", bulkPending, recipients,
                100.0 * bulkPending / recipients);
        System.out.printf("  SEV3 arrived in the end:          %,d of %,d%n", bulkArrived, recipients);
    }
}
