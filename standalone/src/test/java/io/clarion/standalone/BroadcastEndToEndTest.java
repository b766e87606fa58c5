package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.core.digest.Sha256;
import io.clarion.core.webhook.WebhookSignature;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first broadcast end to end: HTTP API → PostgreSQL → Kafka → dispatcher → webhook sandbox. */
@ExtendWith(DevStackExtension.class)
class BroadcastEndToEndTest {
    private static final String KEY = "e2e-key";
    private static final int RECIPIENTS = 10_000;
    private static final int OUTSIDERS = 100;

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("e2e");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of());
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void broadcastToThreeOverlappingSegmentsReachesEveryRecipientExactlyOnce() {
        importRecipients();
        defineSegments();
        int version = incidentWithUpdate("INC-E2E", "identified");

        var accepted = api.post("/v1/broadcasts", Map.of("incidentId", "INC-E2E",
                "audience", Map.of("segments", List.of("even", "eu", "api-users")),
                "channels", List.of("webhook", "email")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = (String) accepted.json().get("id");
        assertThat(accepted.raw().headers().firstValue("location")).hasValue("/v1/broadcasts/" + id);

        Map<String, Object> done = awaitCompleted(id);
        @SuppressWarnings("unchecked")
        Map<String, Number> counts = (Map<String, Number>) done.get("counts");
        assertThat(counts.get("targeted").longValue()).isEqualTo(2L * RECIPIENTS);
        assertThat(counts.get("sent").longValue()).isEqualTo(RECIPIENTS);
        assertThat(counts.get("suppressed").longValue()).as("email has no sender yet").isEqualTo(RECIPIENTS);
        assertThat(counts.get("failed").longValue() + counts.get("superseded").longValue()).isZero();
        assertThat(counts.get("pending").longValue()).isZero();
        assertThat(done.get("version")).isEqualTo(version);

        List<SandboxMessage> received = stack.sandbox().messages("webhook").stream()
                .filter(m -> "INC-E2E".equals(m.incidentId())).toList();
        assertThat(received).hasSize(RECIPIENTS);
        assertThat(received).extracting(SandboxMessage::recipient).doesNotHaveDuplicates()
                .allMatch(r -> r.startsWith("r-"));
        assertThat(received).allSatisfy(message -> {
            assertThat(message.version()).isEqualTo((long) version);
            assertThat(message.headers().get("webhook-id")).isEqualTo(message.messageId());
            assertThat(WebhookSignature.verify(secretOf(message.recipient()), message.messageId(),
                    Long.parseLong(message.headers().get("webhook-timestamp")), message.body(),
                    message.headers().get("webhook-signature"))).as("signature of %s", message.recipient()).isTrue();
        });
    }

    @Test
    void sameIdempotencyKeyAndBodyGiveOneBroadcastAndADifferentBodyIsRefused() {
        incidentWithUpdate("INC-IDEM", "investigating");
        api.put("/v1/recipients/idem-1", Map.of("contacts", Map.of("webhook",
                Map.of("url", stack.sandbox().webhookUrl("idem-1"), "secret", Api.WEBHOOK_SECRET))));
        String body = Api.json(Map.of("incidentId", "INC-IDEM", "audience", Map.of("recipients", List.of("idem-1")),
                "channels", List.of("webhook")));

        var first = api.post("/v1/broadcasts", body, "Idempotency-Key", "key-1");
        var second = api.post("/v1/broadcasts", body, "Idempotency-Key", "key-1");
        var different = api.post("/v1/broadcasts", body.replace("idem-1", "idem-2"), "Idempotency-Key", "key-1");

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.contentType()).startsWith("application/problem+json");
        awaitCompleted((String) first.json().get("id"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(stack.sandbox().messages("webhook").stream()
                        .filter(m -> "INC-IDEM".equals(m.incidentId()))).hasSize(1));
    }

    /** Its recipients match none of the segments the fan-out test broadcasts to. */
    @Test
    void anImportKeepsGoodLinesAndNamesTheRejectedOnes() {
        var result = api.postNdjson("/v1/recipients:import", List.of(
                "{\"id\":\"imp-1\",\"tier\":\"free\"}",
                "{\"id\":\"imp-2\",\"contacts\":{\"sms\":\"12\"}}",
                "",
                "{not json",
                "{\"id\":\"imp-3\",\"region\":\"apac\"}"));

        assertThat(result.status()).as(result.body()).isEqualTo(200);
        assertThat(result.json()).containsEntry("imported", 2).containsEntry("rejectedCount", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) result.json().get("rejected");
        assertThat(rejected).extracting(r -> r.get("line")).containsExactly(2, 4);
        assertThat((String) rejected.get(0).get("reason")).contains("contacts.sms");
    }

    @Test
    void aKeyWhoseFirstRequestIsStillInFlightIsAnswered409() throws Exception {
        incidentWithUpdate("INC-FLIGHT", "investigating");
        String body = Api.json(Map.of("incidentId", "INC-FLIGHT", "audience", Map.of("recipients", List.of("r-1")),
                "channels", List.of("webhook")));
        try (var db = stack.postgresCoordinates().connect(namespace.database());
             var claim = db.prepareStatement("INSERT INTO idempotency_keys (api_key_id, key, request_hash) "
                     + "SELECT id, 'in-flight', ? FROM api_keys WHERE name = 'bootstrap'")) {
            claim.setBytes(1, Sha256.of(body));
            assertThat(claim.executeUpdate()).isEqualTo(1);
        }

        var response = api.post("/v1/broadcasts", body, "Idempotency-Key", "in-flight");

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void concurrentUpdatesGetDistinctIncreasingVersions() throws Exception {
        api.put("/v1/incidents/INC-RACE", Map.of("title", "Race", "severity", "SEV2"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Api.Response>> posts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String text = "update " + i;
                posts.add(pool.submit(() -> api.post("/v1/incidents/INC-RACE/updates",
                        Map.of("status", "investigating", "body", text))));
            }
            Set<Integer> versions = new HashSet<>();
            for (Future<Api.Response> post : posts) {
                Api.Response response = post.get();
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                assertThat(versions.add((Integer) response.json().get("version"))).isTrue();
            }
            assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
            assertThat(api.get("/v1/incidents/INC-RACE").json().get("latestVersion")).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void importRecipients() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            String id = "r-" + i;
            lines.add(Api.json(Map.of("id", id, "tier", i % 2 == 0 ? "enterprise" : "pro",
                    "region", i % 2 == 1 || i % 3 == 0 ? "eu" : "us",
                    "services", i % 5 == 0 ? List.of("api", "dashboard") : List.of("dashboard"),
                    "contacts", Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", secretOf(id))))));
        }
        for (int i = 0; i < OUTSIDERS; i++) {
            String id = "outsider-" + i;
            lines.add(Api.json(Map.of("id", id, "tier", "free", "region", "us", "services", List.of("billing"),
                    "contacts", Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", secretOf(id))))));
        }
        var imported = api.postNdjson("/v1/recipients:import", lines);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(((Number) imported.json().get("imported")).intValue()).isEqualTo(RECIPIENTS + OUTSIDERS);
        assertThat((List<?>) imported.json().get("rejected")).isEmpty();
        assertThat(plannerRowCountOfRecipients())
                .as("the import refreshed the planner's statistics, so the expansion reads the audience in key order")
                .isGreaterThanOrEqualTo(RECIPIENTS + OUTSIDERS);
    }

    /** What the planner believes {@code recipients} holds: -1 before its first ANALYZE. */
    private static float plannerRowCountOfRecipients() {
        try (Connection db = stack.postgresCoordinates().connect(namespace.database());
             ResultSet row = db.createStatement()
                     .executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'recipients'::regclass")) {
            row.next();
            return row.getFloat(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void defineSegments() {
        assertThat(api.put("/v1/segments/even", Map.of("match", Map.of("tier", List.of("enterprise")))).status())
                .isEqualTo(201);
        assertThat(api.put("/v1/segments/eu", Map.of("match", Map.of("region", List.of("eu")))).status()).isEqualTo(201);
        assertThat(api.put("/v1/segments/api-users", Map.of("match", Map.of("services", List.of("api")))).status())
                .isEqualTo(201);
        assertThat(api.get("/v1/segments/even/size").json().get("recipients")).isEqualTo(RECIPIENTS / 2);
    }

    private static int incidentWithUpdate(String incident, String status) {
        var put = api.put("/v1/incidents/" + incident, Map.of("title", "API latency", "severity", "SEV1",
                "tags", List.of("degradation"), "services", List.of("api")));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        var update = api.post("/v1/incidents/" + incident + "/updates", Map.of("status", status,
                "body", "We are looking into elevated latency."));
        assertThat(update.status()).as(update.body()).isEqualTo(201);
        return (Integer) update.json().get("version");
    }

    private static Map<String, Object> awaitCompleted(String id) {
        ConcurrentLinkedQueue<Map<String, Object>> last = new ConcurrentLinkedQueue<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var status = api.get("/v1/broadcasts/" + id).json();
            last.clear();
            last.add(status);
            assertThat(status.get("status")).as(String.valueOf(status)).isEqualTo("completed");
        });
        return last.peek();
    }

    private static String secretOf(String recipient) {
        return "whsec_" + Base64.getEncoder().encodeToString(("end-to-end-webhook-secret-of-" + recipient).getBytes());
    }
}
