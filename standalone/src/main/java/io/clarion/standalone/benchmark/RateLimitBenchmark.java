package io.clarion.standalone.benchmark;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import io.clarion.standalone.DispatcherProcess;
import io.clarion.standalone.Engine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rate-limit benchmark: the same webhook broadcast to N recipients (argument 0, default 20,000)
 * with one and with two dispatcher processes, rate limits off and on (a provider limit of argument 1,
 * default 1,000/s). For each it prints deliveries/s, Redis commands per delivery (from Redis's own
 * {@code total_commands_processed} and the dispatchers' {@code clarion.redis.commands}) and, with limits on, the rate observed at the sandbox against the
 * rate allowed. Asserts nothing; exits 0 when every broadcast completed.
 */
public final class RateLimitBenchmark {
    private static final String API_KEY = "benchmark-key";
    /** The bootstrap key's tenant. */
    private static final String TENANT = "default";

    private RateLimitBenchmark() {
    }

    record Scenario(int dispatchers, boolean limited) {
        String name() {
            return dispatchers + " dispatcher" + (dispatchers > 1 ? "s" : "") + ", limits " + (limited ? "on" : "off");
        }
    }

    record Result(Scenario scenario, long delivered, double perSecond, double redisCommandsPerDelivery,
                  double serverCommandsPerDelivery, double observedRate, boolean completed) {
    }

    /** A dispatcher process and the management port its metrics are scraped from. */
    record Dispatcher(DispatcherProcess process, int port) {
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
        List<Dispatcher> dispatchers = new ArrayList<>();
        try {
            for (int i = 0; i < scenario.dispatchers(); i++) {
                int port = freePort();
                dispatchers.add(new Dispatcher(DispatcherProcess.start("bench-" + i, stack, namespace,
                        Map.of("clarion.rate-limits.enabled", scenario.limited(), "server.port", port,
                                "clarion.rate-limits.refresh-interval", "200ms")), port));
            }
            int version = newVersion(client);
            long serverBefore = RedisCommandCount.processed(redis);
            double[] before = scrape(dispatchers);
            System.out.printf("benchmark: %s: broadcasting version %d%n", scenario.name(), version);
            BroadcastWatch.Outcome outcome = new BroadcastWatch(client).broadcast(BenchmarkSeed.INCIDENT,
                    BenchmarkSeed.SEGMENT);
            double[] after = scrape(dispatchers);
            long serverCommands = RedisCommandCount.processed(redis) - serverBefore;
            List<Instant> arrivals = stack.sandbox().messages("webhook").stream()
                    .filter(m -> BenchmarkSeed.INCIDENT.equals(m.incidentId()) && m.version() == version)
                    .map(SandboxMessage::receivedAt).sorted().toList();
            double commandsPerDelivery = (after[0] - before[0]) / Math.max(1, after[1] - before[1]);
            return result(scenario, outcome, arrivals, commandsPerDelivery, serverCommands);
        } finally {
            dispatchers.forEach(d -> d.process().close());
        }
    }

    /** Sums {@code clarion_redis_commands_total} and {@code clarion_deliveries_total} over the dispatchers. */
    private static double[] scrape(List<Dispatcher> dispatchers) {
        double[] sums = new double[2];
        HttpClient http = HttpClient.newHttpClient();
        for (Dispatcher dispatcher : dispatchers) {
            String text = get(http, "http://127.0.0.1:" + dispatcher.port() + "/actuator/prometheus");
            for (String line : text.split("\n")) {
                if (line.startsWith("clarion_redis_commands_total")) {
                    sums[0] += value(line);
                } else if (line.startsWith("clarion_deliveries_total")) {
                    sums[1] += value(line);
                }
            }
        }
        return sums;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static String get(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result result(Scenario scenario, BroadcastWatch.Outcome outcome, List<Instant> arrivals,
                                 double commandsPerDelivery, long serverCommands) {
        if (arrivals.size() < 2) {
            return new Result(scenario, arrivals.size(), 0, 0, 0, 0, outcome.completed());
        }
        Instant first = arrivals.get(0);
        Instant last = arrivals.get(arrivals.size() - 1);
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        Instant from = first.plusSeconds(3);
        Instant to = last.minusMillis(500);
        long steady = arrivals.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
        double steadySeconds = Math.max(1e-9, Duration.between(from, to).toNanos() / 1e9);
        return new Result(scenario, arrivals.size(), arrivals.size() / Math.max(1e-9, seconds), commandsPerDelivery,
                serverCommands / (double) arrivals.size(), steady / steadySeconds, outcome.completed());
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

    private static void print(List<Result> results, int recipients, int limit) {
        System.out.printf("%n== rate limits: %,d webhook recipients, provider limit %,d/s when on ==%n", recipients, limit);
        System.out.printf("  %-28s %10s %13s %17s %18s %17s%n", "scenario", "delivered", "deliveries/s",
                "redis cmds/deliv", "server cmds/deliv", "observed/allowed");
        for (Result r : results) {
            String accuracy = r.scenario().limited() ? String.format("%.3f", r.observedRate() / limit) : "-";
            System.out.printf("  %-28s %,10d %13.1f %17.2f %18.2f %17s%s%n", r.scenario().name(), r.delivered(),
                    r.perSecond(), r.redisCommandsPerDelivery(), r.serverCommandsPerDelivery(), accuracy,
                    r.completed() ? "" : "  (NOT COMPLETED)");
        }
        System.out.println("  redis cmds/deliv: commands the dispatchers sent (a script counts once; settles are pipelined"
                + " per batch, so round trips are fewer); server cmds/deliv: Redis's total_commands_processed, which also"
                + " counts the calls inside scripts. observed/allowed: sandbox arrivals from 3 s after the first.");
    }
}
