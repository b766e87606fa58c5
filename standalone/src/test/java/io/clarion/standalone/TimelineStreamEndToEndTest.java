package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read side over HTTP on the real stack: an incident's timeline and KPIs checked against the archive of a
 * broadcast run here, {@code GET /v1/kpis}, the live stream resumed with {@code Last-Event-ID}, and tenants kept
 * apart in all three.
 */
@ExtendWith(DevStackExtension.class)
class TimelineStreamEndToEndTest {
    private static final String ROOT_KEY = "timeline-root-key";

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api acme;
    private static String acmeKey;
    private static Api globex;
    private static String globexKey;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("timeline");
        engine = Engine.start(stack, namespace, 0, ROOT_KEY, Map.of("clarion.stream.poll-interval", "200ms",
                "clarion.stream.overlap", "500ms"));
        Api root = new Api(engine.gatewayUrl(), ROOT_KEY);
        acmeKey = tenantKey(root, "acme");
        acme = new Api(engine.gatewayUrl(), acmeKey);
        globexKey = tenantKey(root, "globex");
        globex = new Api(engine.gatewayUrl(), globexKey);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTimelineAndKpisMatchTheArchiveOfABroadcast() throws SQLException {
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 1; i <= 3; i++) {
            assertThat(acme.put("/v1/recipients/r-" + i, Map.of("contacts", Map.of("email", "r" + i + "@example.com",
                    "webhook", Map.of("url", stack.sandbox().webhookUrl("acme-r-" + i), "secret", Api.WEBHOOK_SECRET))))
                    .status()).isEqualTo(201);
        }
        acme.put("/v1/recipients/r-no-email", Map.of("contacts", Map.of("webhook", Map.of(
                "url", stack.sandbox().webhookUrl("acme-r-4"), "secret", Api.WEBHOOK_SECRET))));
        acme.incidentWithUpdate("INC-T", "SEV1", "investigating", "Checkout is failing");
        String id = acme.broadcast("INC-T", List.of("r-1", "r-2", "r-3", "r-no-email"), List.of("email", "webhook"));
        acme.awaitCompleted(id, Duration.ofSeconds(60));

        Map<String, Object> timeline = acme.get("/v1/incidents/INC-T/timeline").json();
        var events = (List<Map<String, Object>>) timeline.get("events");
        assertThat(events).extracting(e -> e.get("type")).containsExactly("update", "broadcast.created",
                "first-delivery", "first-delivery", "broadcast.completed");
        assertThat(events).extracting(e -> (String) e.get("at")).isSorted();
        assertThat(events).filteredOn(e -> "first-delivery".equals(e.get("type"))).extracting(e -> e.get("channel"))
                .containsExactlyInAnyOrder("email", "webhook");

        Archive archive = archive(id);
        var kpis = (Map<String, Object>) timeline.get("kpis");
        assertThat(kpis.get("timeToFirstMessageMs")).as(timeline.toString()).isNotNull();
        assertThat(((Number) kpis.get("timeToFirstMessageMs")).longValue())
                .isEqualTo(Duration.between(archive.stored(), archive.firstSent()).toMillis());
        assertThat(((Number) kpis.get("timeToLastMessageMs")).longValue())
                .isEqualTo(Duration.between(archive.stored(), archive.lastSent()).toMillis());
        var channels = (Map<String, Map<String, Number>>) kpis.get("channels");
        assertThat(channels.get("email")).containsEntry("sent", 3).containsEntry("suppressed", 1);
        assertThat(channels.get("webhook")).containsEntry("sent", 4).containsEntry("failed", 0);
        assertThat(events).filteredOn(e -> "first-delivery".equals(e.get("type")) && "email".equals(e.get("channel")))
                .singleElement().satisfies(e -> assertThat(Instant.parse((String) e.get("at")))
                        .isEqualTo(archive.firstEmail()));

        Map<String, Object> report = acme.get("/v1/kpis?from=" + before + "&to=" + Instant.now().plusSeconds(1)).json();
        var overall = (Map<String, Object>) report.get("overall");
        assertThat(overall).containsEntry("broadcasts", 1).containsEntry("suppressed", Map.of("no-contact-point", 1));
        assertThat((Map<String, Object>) overall.get("timeToFirstMessageMs"))
                .containsEntry("p50", kpis.get("timeToFirstMessageMs")).containsEntry("p95", kpis.get("timeToFirstMessageMs"));
        assertThat((Map<String, Map<String, Number>>) overall.get("deliveries")).isEqualTo(channels);
        assertThat((List<Map<String, Object>>) report.get("incidents")).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("incidentId", "INC-T")
                        .containsEntry("timeToFirstMessageMs", kpis.get("timeToFirstMessageMs")));
        assertThat(acme.get("/v1/kpis?from=yesterday").status()).isEqualTo(400);

        assertThat(globex.get("/v1/incidents/INC-T/timeline").status()).as("another tenant's incident").isEqualTo(404);
        Map<String, Object> theirs = globex.get("/v1/kpis?from=" + before).json();
        assertThat((List<?>) theirs.get("incidents")).isEmpty();
    }

    @Test
    void theStreamResumesAfterTheLastEventItsClientSaw() throws Exception {
        acme.incidentWithUpdate("INC-S", "SEV2", "investigating", "v1");
        Thread.sleep(1000); // longer than clarion.stream.overlap: v1 is clearly before the resume point below
        String resumeFrom;
        try (SseClient stream = SseClient.open(engine.gatewayUrl(), acmeKey, null)) {
            assertThat(stream.status).isEqualTo(200);
            SseClient.Event snapshot = stream.next(SseClient.update("INC-S", 1), Duration.ofSeconds(20));
            assertThat(snapshot.id()).isNotBlank();
            acme.post("/v1/incidents/INC-S/updates", Map.of("status", "identified", "body", "v2"));
            SseClient.Event second = stream.next(SseClient.update("INC-S", 2), Duration.ofSeconds(20));
            assertThat(Long.parseLong(second.id())).isGreaterThanOrEqualTo(Long.parseLong(snapshot.id()));
            assertThat(second.data()).containsEntry("severity", "SEV2").containsEntry("status", "identified");
            stream.next(e -> e.type().equals("rate-limit"), Duration.ofSeconds(20));
            resumeFrom = second.id();
        }
        Thread.sleep(1000); // longer than clarion.stream.overlap: v3 is clearly after the resume point
        acme.post("/v1/incidents/INC-S/updates", Map.of("status", "monitoring", "body", "v3"));
        try (SseClient resumed = SseClient.open(engine.gatewayUrl(), acmeKey, resumeFrom)) {
            resumed.next(SseClient.update("INC-S", 3), Duration.ofSeconds(20));
            assertThat(resumed.seen()).as("a resumed stream replays no snapshot of what came before")
                    .noneMatch(SseClient.update("INC-S", 1));
        }
        try (SseClient fresh = SseClient.open(engine.gatewayUrl(), acmeKey, null)) {
            fresh.next(SseClient.update("INC-S", 3), Duration.ofSeconds(20));
            assertThat(fresh.seen()).as("a fresh stream starts with each open incident's latest update only")
                    .noneMatch(SseClient.update("INC-S", 2));
        }
    }

    @Test
    void aTenantsStreamCarriesNothingOfAnotherTenant() throws Exception {
        acme.incidentWithUpdate("INC-ISO", "SEV1", "investigating", "acme only");
        globex.incidentWithUpdate("INC-G", "SEV3", "investigating", "globex");
        try (SseClient stream = SseClient.open(engine.gatewayUrl(), globexKey, null)) {
            stream.next(SseClient.update("INC-G", 1), Duration.ofSeconds(20));
            acme.post("/v1/incidents/INC-ISO/updates", Map.of("status", "identified", "body", "acme again"));
            String broadcast = acme.broadcast("INC-ISO", List.of("nobody"), List.of("email"));
            acme.awaitCompleted(broadcast, Duration.ofSeconds(60));
            globex.post("/v1/incidents/INC-G/updates", Map.of("status", "identified", "body", "globex again"));
            stream.next(SseClient.update("INC-G", 2), Duration.ofSeconds(20));
            assertThat(stream.seen()).noneMatch(e -> e.data().toString().contains("INC-ISO")
                    || e.data().toString().contains("acme"));
        }
        assertThat(SseClient.open(engine.gatewayUrl(), "not-a-key", null).status).isEqualTo(401);
    }

    private record Archive(Instant stored, Instant firstSent, Instant lastSent, Instant firstEmail) {
    }

    private static Archive archive(String broadcast) throws SQLException {
        var postgres = stack.postgresCoordinates();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(namespace.database()), postgres.user(),
                postgres.password());
             PreparedStatement query = db.prepareStatement("""
                     SELECT u.created_at, min(d.recorded_at), max(d.recorded_at),
                            min(d.recorded_at) FILTER (WHERE d.channel = 'email')
                     FROM broadcasts b JOIN incident_updates u ON u.tenant_id = b.tenant_id
                          AND u.incident_id = b.incident_id AND u.version = b.version
                     JOIN deliveries d ON d.broadcast_id = b.id AND d.outcome = 'sent'
                     WHERE b.id = ?::uuid GROUP BY u.created_at""")) {
            query.setString(1, broadcast);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new Archive(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class).toInstant());
            }
        }
    }

    private static String tenantKey(Api root, String tenant) {
        assertThat(root.post("/v1/admin/tenants", Map.of("id", tenant, "name", tenant)).status()).isEqualTo(201);
        var created = root.post("/v1/admin/api-keys", Map.of("name", "admin", "tenant", tenant, "scopes", List.of("admin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }
}
