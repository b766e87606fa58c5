package io.clarion.standalone.benchmark;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import io.clarion.standalone.DispatcherProcess;
import io.clarion.standalone.Engine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rate-limit benchmark: the same webhook broadcast to N recipients (argument 0, default 20,000)
 * with one and with two dispatcher processes, rate limits off and on (a provider limit of argument 1,
 * default 1,000/s). For each it prints deliveries/s, Redis commands per delivery (from Redis's own
 * {@code total_commands_processed}) and, with limits on, the rate observed at the sandbox against the
 * rate allowed. Asserts nothing; exits 0 when every broadcast completed.
 */
public final class RateLimitBenchmark {
    private static final String API_KEY = "benchmark-key";
    private static final String TENANT = "bootstrap";

    private RateLimitBenchmark() {
    }

    record Scenario(int dispatchers, boolean limited) {
        String name() {
            return dispatchers + " dispatcher" + (dispatchers > 1 ? "s" : "") + ", limits " + (limited ? "on" : "off");
        }
    }

    record Result(Scenario scenario, long delivered, double perSecond, double redisCommandsPerDelivery,
                  double observedRate, boolean completed) {
    }

    public static void main(String[] args) {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int exitCode = 1;
        try {
            exitCode = run(recipients, limit);
        } catch (Exception e) {
            System.err.println("benchmark: failed: " + e);
            e.printStackTrace();
        }
        System.out.flush();
        System.exit(exitCode);
    }

    private static int run(int recipients, int limit) throws InterruptedException {
        try (DevStack stack = DevStack.start(); RedisClient redisClient = RedisClient.create(stack.redisUri())) {
            Namespace namespace = stack.newNamespace("rate_benchmark");
            try (Engine gateway = Engine.gatewayOnly(stack, namespace, 0, API_KEY, Map.of());
                 StatefulRedisConnection<String, String> redis = redisClient.connect()) {
                GatewayClient client = new GatewayClient(gateway.gatewayUrl(), API_KEY);
                new BenchmarkSeed(client, stack.sandbox()).seed(recipients);
                List<Result> results = new ArrayList<>();
                for (Scenario scenario : List.of(new Scenario(1, false), new Scenario(1, true),
                        new Scenario(2, false), new Scenario(2, true))) {
                    results.add(measure(scenario, stack, namespace, client, redis, limit));
                }
                print(results, recipients, limit);
                return results.stream().allMatch(Result::completed) ? 0 : 2;
            }
        }
    }

    private static Result measure(Scenario scenario, DevStack stack, Namespace namespace, GatewayClient client,
                                  StatefulRedisConnection<String, String> redis, int limit) throws InterruptedException {
        setLimits(client, limit);
        List<DispatcherProcess> dispatchers = new ArrayList<>();
        try {
            for (int i = 0; i < scenario.dispatchers(); i++) {
                dispatchers.add(DispatcherProcess.start("bench-" + i, stack, namespace,
                        Map.of("clarion.rate-limits.enabled", scenario.limited(), "clarion.rate-limits.refresh-interval", "200ms")));
            }
            int version = newVersion(client);
            long commandsBefore = commandsProcessed(redis);
            System.out.printf("benchmark: %s: broadcasting version %d%n", scenario.name(), version);
            BroadcastWatch.Outcome outcome = new BroadcastWatch(client).broadcast(BenchmarkSeed.INCIDENT,
                    BenchmarkSeed.SEGMENT);
            long commands = commandsProcessed(redis) - commandsBefore;
            List<Instant> arrivals = stack.sandbox().messages("webhook").stream()
                    .filter(m -> BenchmarkSeed.INCIDENT.equals(m.incidentId()) && m.version() == version)
                    .map(SandboxMessage::receivedAt).sorted().toList();
            return result(scenario, outcome, arrivals, commands);
        } finally {
            dispatchers.forEach(DispatcherProcess::close);
        }
    }

    private static Result result(Scenario scenario, BroadcastWatch.Outcome outcome, List<Instant> arrivals,
                                 long commands) {
        if (arrivals.size() < 2) {
            return new Result(scenario, arrivals.size(), 0, 0, 0, outcome.completed());
        }
        Instant first = arrivals.get(0);
        Instant last = arrivals.get(arrivals.size() - 1);
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        Instant from = first.plusSeconds(1);
        Instant to = last.minusMillis(500);
        long steady = arrivals.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
        double steadySeconds = Math.max(1e-9, Duration.between(from, to).toNanos() / 1e9);
        return new Result(scenario, arrivals.size(), arrivals.size() / Math.max(1e-9, seconds),
                commands / (double) arrivals.size(), steady / steadySeconds, outcome.completed());
    }

    private static void setLimits(GatewayClient client, int limit) {
        client.put("/v1/admin/rate-limits/provider:webhook:default",
                Map.of("capacity", Math.max(1, limit / 20), "refillTokens", limit, "refillPeriod", "PT1S"));
        client.put("/v1/admin/rate-limits/tenant:" + TENANT + ":webhook",
                Map.of("capacity", 1000, "refillTokens", 1_000_000, "refillPeriod", "PT1S"));
    }

    private static int newVersion(GatewayClient client) {
        Map<String, Object> update = client.post("/v1/incidents/" + BenchmarkSeed.INCIDENT + "/updates",
                Map.of("status", "monitoring", "body", "Benchmark update."));
        return ((Number) update.get("version")).intValue();
    }

    private static long commandsProcessed(StatefulRedisConnection<String, String> redis) {
        for (String line : redis.sync().info("stats").split("\r?\n")) {
            if (line.startsWith("total_commands_processed:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("Redis INFO stats has no total_commands_processed");
    }

    private static void print(List<Result> results, int recipients, int limit) {
        System.out.printf("%n== rate limits: %,d webhook recipients, provider limit %,d/s when on ==%n", recipients, limit);
        System.out.printf("  %-32s %10s %14s %18s %16s%n", "scenario", "delivered", "deliveries/s", "redis cmds/deliv",
                "observed/allowed");
        for (Result r : results) {
            String accuracy = r.scenario().limited() ? String.format("%.3f", r.observedRate() / limit) : "-";
            System.out.printf("  %-32s %,10d %14.1f %18.2f %16s%s%n", r.scenario().name(), r.delivered(),
                    r.perSecond(), r.redisCommandsPerDelivery(), accuracy, r.completed() ? "" : "  (NOT COMPLETED)");
        }
        System.out.println("  note: Redis commands include the claim script (1 per delivery), settles (pipelined per batch),"
                + " and with limits on, bucket4j's reads and compare-and-swaps");
    }
}
