package io.clarion.loadtest.benchmark;

import static java.util.Objects.requireNonNull;

import io.clarion.devstack.sandbox.ProviderSandbox;
import io.clarion.devstack.sandbox.SandboxMessage;
import io.clarion.standalone.benchmark.FanOutBenchmark;
import io.clarion.standalone.benchmark.GatewayClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Clarion end to end: seeds N webhook recipients through the streaming import (chunks of {@value #CHUNK}),
 * a segment of exactly them and one incident update; then submits one webhook broadcast, polls it every
 * {@value #POLL_MILLIS} ms until it ends, and turns the sandbox's receive instants into the figures.
 * Each delivery's latency is its sandbox {@code receivedAt} minus the instant just before the submission.
 */
final class EndToEndRun {
    static final String SEGMENT = "bench";
    static final String INCIDENT = "INC-BENCH";
    private static final int CHUNK = 20_000;
    private static final long POLL_MILLIS = 100;
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final GatewayClient api;
    private final ProviderSandbox sandbox;

    EndToEndRun(GatewayClient api, ProviderSandbox sandbox) {
        this.api = requireNonNull(api, "api");
        this.sandbox = requireNonNull(sandbox, "sandbox");
    }

    /** The broadcast's figures; {@code measurement.operations} counts distinct recipients reached. */
    record Result(Measurement measurement, double firstMs, String status, Map<String, Object> counts, long duplicates) {
    }

    void seed(int recipients) {
        for (int from = 0; from < recipients; from += CHUNK) {
            importChunk(from, Math.min(recipients, from + CHUNK));
        }
        api.put("/v1/segments/" + SEGMENT, Map.of("match", Map.of("tier", List.of(SEGMENT))));
        // a benchmark broadcast goes out at once: above the cap it would wait for approval
        api.put("/v1/settings", Map.of("maxAudienceWithoutApproval", Math.max(recipients, 10_000)));
        api.put("/v1/incidents/" + INCIDENT, Map.of("title", "Benchmark: API latency", "severity", "SEV1",
                "tags", List.of("degradation"), "services", List.of("api")));
        api.post("/v1/incidents/" + INCIDENT + "/updates", Map.of("status", "identified",
                "body", "Elevated API latency; a fix is being rolled out."));
        // as the fan-out benchmark: the 5,000/s default limits would measure the defaults, not the engine
        FanOutBenchmark.raiseLimits(api, List.of("webhook"));
    }

    @SuppressWarnings("unchecked")
    Result broadcast() throws InterruptedException {
        Usage usage = Usage.start();
        Instant submittedAt = Instant.now();
        String id = (String) api.post("/v1/broadcasts", Map.of("incidentId", INCIDENT,
                "audience", Map.of("segments", List.of(SEGMENT)), "channels", List.of("webhook"))).get("id");
        Map<String, Object> status = awaitEnd(id, usage);
        List<SandboxMessage> received = sandbox.messages("webhook").stream()
                .filter(m -> INCIDENT.equals(m.incidentId())).toList();
        long[] latencies = received.stream().mapToLong(m -> Duration.between(submittedAt, m.receivedAt()).toNanos()).toArray();
        long distinct = received.stream().map(SandboxMessage::recipient).distinct().count();
        double lastSeconds = java.util.Arrays.stream(latencies).max().orElse(0) / 1e9;
        Measurement measurement = usage.measure("Clarion end to end (webhook broadcast)", distinct, lastSeconds, latencies);
        double firstMs = java.util.Arrays.stream(latencies).min().orElse(0) / 1e6;
        return new Result(measurement, firstMs, String.valueOf(status.get("status")),
                (Map<String, Object>) status.getOrDefault("counts", Map.of()), received.size() - distinct);
    }

    /**
     * The time to first message of {@code samples} more SEV1 broadcasts to the same audience, in nanoseconds:
     * each of a new update version, one after another, each started once the previous completed (so none
     * queues behind another). The inbox is emptied before each, so finding the first message stays cheap.
     */
    long[] timesToFirstMessage(int samples) throws InterruptedException {
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            Object version = api.post("/v1/incidents/" + INCIDENT + "/updates", Map.of("status", "monitoring",
                    "body", "Sample " + i + ": still watching API latency.")).get("version");
            sandbox.clear();
            Usage usage = Usage.start();
            Instant submittedAt = Instant.now();
            String id = (String) api.post("/v1/broadcasts", Map.of("incidentId", INCIDENT,
                    "audience", Map.of("segments", List.of(SEGMENT)), "channels", List.of("webhook"))).get("id");
            nanos[i] = Duration.between(submittedAt, firstReceived(version, usage)).toNanos();
            awaitEnd(id, usage);
        }
        return nanos;
    }

    private Instant firstReceived(Object version, Usage usage) throws InterruptedException {
        while (usage.elapsedSeconds() < TIMEOUT.toSeconds()) {
            for (SandboxMessage message : sandbox.messages("webhook")) {
                if (version instanceof Number n && message.version() != null && message.version() == n.longValue()) {
                    return message.receivedAt();
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no message of version " + version + " within " + TIMEOUT);
    }

    private Map<String, Object> awaitEnd(String id, Usage usage) throws InterruptedException {
        Map<String, Object> status = Map.of("status", "accepted");
        while (!ended(status) && usage.elapsedSeconds() < TIMEOUT.toSeconds()) {
            Thread.sleep(POLL_MILLIS);
            status = api.get("/v1/broadcasts/" + id);
        }
        return status;
    }

    private static boolean ended(Map<String, Object> status) {
        return "completed".equals(status.get("status")) || "failed".equals(status.get("status"));
    }

    private void importChunk(int from, int to) {
        StringBuilder lines = new StringBuilder((to - from) * 220);
        for (int i = from; i < to; i++) {
            String id = "bench-" + i;
            lines.append(GatewayClient.json(Map.of("id", id, "tier", SEGMENT, "locale", "en-US", "region", "eu",
                    "contacts", Map.of("webhook", Map.of("url", sandbox.webhookUrl(id), "secret", secretOf(id)))))).append('\n');
        }
        Object imported = api.postNdjson("/v1/recipients:import",
                () -> new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)))
                .get("imported");
        if (!(imported instanceof Number n) || n.intValue() != to - from) {
            throw new IllegalStateException("import of [" + from + ", " + to + "): imported " + imported
                    + " (expected: " + (to - from) + ")");
        }
    }

    private static String secretOf(String recipient) {
        return "whsec_" + Base64.getEncoder().encodeToString(("benchmark-secret-of-" + recipient).getBytes(StandardCharsets.UTF_8));
    }
}
