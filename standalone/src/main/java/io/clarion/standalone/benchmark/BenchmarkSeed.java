package io.clarion.standalone.benchmark;

import static java.util.Objects.requireNonNull;

import io.clarion.devstack.sandbox.ProviderSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Seeds the audience of the benchmark through the public API: {@code recipients} recipients with a contact
 * point on each benchmarked channel (a sandbox webhook, an address, a number, one FCM device), imported as NDJSON in chunks of {@value #CHUNK} lines, one segment holding exactly
 * them, and one SEV1 incident with one update. Any refused request or rejected line stops the run.
 */
final class BenchmarkSeed {
    static final String SEGMENT = "bench";
    static final String INCIDENT = "INC-BENCH";
    private static final String TIER = "bench";
    private static final int CHUNK = 20_000;

    private final GatewayClient gateway;
    private final ProviderSandbox sandbox;
    private final List<String> channels;

    BenchmarkSeed(GatewayClient gateway, ProviderSandbox sandbox) {
        this(gateway, sandbox, List.of("webhook"));
    }

    BenchmarkSeed(GatewayClient gateway, ProviderSandbox sandbox, List<String> channels) {
        this.gateway = requireNonNull(gateway, "gateway");
        this.sandbox = requireNonNull(sandbox, "sandbox");
        this.channels = List.copyOf(channels);
    }

    /** What was seeded. */
    record Seeded(long imported, Duration importTime, long segmentSize, int version) {
    }

    Seeded seed(int recipients) {
        long start = System.nanoTime();
        long imported = importRecipients(recipients);
        Duration importTime = Duration.ofNanos(System.nanoTime() - start);
        long segmentSize = defineSegment();
        // a benchmark broadcast goes out at once: above the tenant's cap it would wait for approval
        gateway.put("/v1/settings", Map.of("maxAudienceWithoutApproval", Math.max(recipients, 10_000)));
        int version = incidentWithUpdate();
        return new Seeded(imported, importTime, segmentSize, version);
    }

    private long importRecipients(int recipients) {
        long imported = 0;
        for (int from = 0; from < recipients; from += CHUNK) {
            imported += importChunk(from, Math.min(recipients, from + CHUNK));
        }
        return imported;
    }

    private long importChunk(int from, int to) {
        Map<String, Object> result = gateway.postNdjson("/v1/recipients:import",
                () -> new RecipientLines(this::recipient, from, to));
        long imported = ((Number) result.get("imported")).longValue();
        if (imported != to - from) {
            throw new IllegalStateException("import of lines [" + from + ", " + to + "): imported " + imported
                    + " (expected: " + (to - from) + "): " + result);
        }
        return imported;
    }

    /** Every other recipient reads German: a two-locale template renders both locales. */
    private Map<String, Object> recipient(int index) {
        String id = recipientId(index);
        return Map.of("id", id, "tier", TIER, "locale", index % 2 == 0 ? "en-US" : "de-DE", "region", "eu",
                "contacts", contacts(index, id));
    }

    private Map<String, Object> contacts(int index, String id) {
        Map<String, Object> contacts = new java.util.HashMap<>();
        for (String channel : channels) {
            contacts.put(channel, switch (channel) {
                case "email" -> id + "@bench.example.com";
                case "sms" -> String.format("+1555%07d", index);
                case "push" -> List.of(Map.of("platform", "fcm", "token", "fcm-" + id));
                case "webhook" -> Map.of("url", sandbox.webhookUrl(id), "secret", secretOf(id));
                default -> throw new IllegalArgumentException("channel: " + channel
                        + " (expected: email, sms, push or webhook)");
            });
        }
        return contacts;
    }

    private long defineSegment() {
        gateway.put("/v1/segments/" + SEGMENT, Map.of("match", Map.of("tier", List.of(TIER))));
        return ((Number) gateway.get("/v1/segments/" + SEGMENT + "/size").get("recipients")).longValue();
    }

    private int incidentWithUpdate() {
        return incidentWithUpdate(gateway, INCIDENT, "Benchmark: API latency", "SEV1",
                Map.of("status", "identified", "body", "Elevated API latency; a fix is being rolled out."));
    }

    /**
     * Creates or replaces {@code incident} (an API degradation of {@code severity}) and posts {@code update} to it
     * ({@code POST /v1/incidents/{id}/updates}'s body): the update's version.
     */
    static int incidentWithUpdate(GatewayClient gateway, String incident, String title, String severity,
                                  Map<String, Object> update) {
        gateway.put("/v1/incidents/" + incident, Map.of("title", title, "severity", severity,
                "tags", List.of("degradation"), "services", List.of("api")));
        return ((Number) gateway.post("/v1/incidents/" + incident + "/updates", update).get("version")).intValue();
    }

    static String recipientId(int index) {
        return "bench-" + index;
    }

    private static String secretOf(String recipient) {
        byte[] key = ("benchmark-secret-of-" + recipient).getBytes(StandardCharsets.UTF_8);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
