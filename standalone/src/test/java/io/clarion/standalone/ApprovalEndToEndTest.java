package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approvals over HTTP on the real stack: a broadcast that needs approval sends nothing until another key
 * approves it (the creator cannot), a rejected one never sends, an auto-release fires once (with two
 * gateways, and after a gateway restart) and is audited, and the tenant's audience cap forces approval.
 */
@ExtendWith(DevStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApprovalEndToEndTest {
    private static final String KEY = "approval-root-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Object> FAST_POLL = Map.of("clarion.approvals.poll-interval", "200ms");

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api root;
    private static Api approver;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("approvals");
        engine = Engine.start(stack, namespace, 0, KEY, FAST_POLL);
        root = new Api(engine.gatewayUrl(), KEY);
        var created = root.post("/v1/admin/api-keys", Map.of("name", "approver", "tenant", "default",
                "scopes", List.of("approve", "read")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        approver = root.withKey((String) created.json().get("key"));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theCreatorCannotApproveAndAnotherApproveKeyReleasesIt() {
        String recipient = recipient("r-approve");
        root.incidentWithUpdate("INC-APPROVE", "SEV1", "investigating", "b");
        String id = pendingBroadcast("INC-APPROVE", recipient, null);
        assertThat(approver.get("/v1/broadcasts/" + id).json().get("status")).isEqualTo("pending-approval");

        var own = root.post("/v1/broadcasts/" + id + ":approve", "");
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.contentType()).contains("application/problem+json");
        assertThat(webhooks("INC-APPROVE")).as("nothing is sent before approval").isZero();

        var approved = approver.post("/v1/broadcasts/" + id + ":approve", "");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approval(approved.json()).get("approvedBy")).isEqualTo("default/approver");
        Map<String, Long> counts = Api.counts(root.awaitCompleted(id, Duration.ofSeconds(30)));
        assertThat(counts.get("sent")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks("INC-APPROVE") == 1);
        assertThat(approver.post("/v1/broadcasts/" + id + ":approve", "").status()).as("approved once").isEqualTo(409);
        assertThat(audit(id)).containsExactly("default/bootstrap broadcast.pending-approval",
                "default/approver broadcast.approved");
    }

    @Test
    void aRejectedBroadcastSendsNothing() throws InterruptedException {
        String recipient = recipient("r-reject");
        root.incidentWithUpdate("INC-REJECT", "SEV2", "investigating", "b");
        String id = pendingBroadcast("INC-REJECT", recipient, null);

        assertThat(approver.post("/v1/broadcasts/" + id + ":reject", Map.of()).status()).as("reason required")
                .isEqualTo(400);
        var rejected = approver.post("/v1/broadcasts/" + id + ":reject", Map.of("reason", "wrong audience"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("status")).isEqualTo("rejected");
        assertThat(approval(rejected.json())).containsEntry("rejectedBy", "default/approver")
                .containsEntry("reason", "wrong audience");
        assertThat(approver.post("/v1/broadcasts/" + id + ":approve", "").status()).isEqualTo(409);
        Thread.sleep(1500); // a delivery, had one been published, reaches the sandbox well within this
        assertThat(webhooks("INC-REJECT")).isZero();
        assertThat(Api.counts(root.get("/v1/broadcasts/" + id).json()).get("targeted")).isZero();
        assertThat(audit(id)).containsExactly("default/bootstrap broadcast.pending-approval",
                "default/approver broadcast.rejected");
    }

    /** Last: closing a second gateway in this JVM stops the first one's HTTP server (shared Netty resources). */
    @Test
    @Order(Integer.MAX_VALUE)
    void autoReleaseFiresOnceWithTwoGateways() {
        root.incidentWithUpdate("INC-AUTO", "SEV1", "investigating", "b");
        try (Engine second = Engine.gatewayOnly(stack, namespace, 0, KEY, FAST_POLL)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(pendingBroadcast("INC-AUTO", recipient("r-auto-" + i), "PT1S"));
            }
            for (String id : ids) {
                Map<String, Object> done = root.awaitCompleted(id, Duration.ofSeconds(30));
                assertThat(approval(done).get("approvedBy")).isEqualTo("auto-release");
                assertThat(audit(id)).containsExactly("default/bootstrap broadcast.pending-approval",
                        "auto-release broadcast.approved");
            }
            assertThat(second.gatewayUrl()).isNotEqualTo(engine.gatewayUrl());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks("INC-AUTO") >= 5);
        assertThat(webhooks("INC-AUTO")).as("each of the 5 broadcasts delivered once").isEqualTo(5);
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void autoReleaseSurvivesAGatewayRestart() throws InterruptedException {
        String recipient = recipient("r-restart");
        root.incidentWithUpdate("INC-RESTART", "SEV1", "investigating", "b");
        String id = pendingBroadcast("INC-RESTART", recipient, "PT2S");
        engine.close();
        Thread.sleep(2500); // the release time passes while no gateway runs
        engine = Engine.start(stack, namespace, 0, KEY, FAST_POLL);
        root = new Api(engine.gatewayUrl(), KEY);
        approver = new Api(engine.gatewayUrl(), approverKey());
        Map<String, Object> done = root.awaitCompleted(id, Duration.ofSeconds(30));
        assertThat(approval(done).get("approvedBy")).isEqualTo("auto-release");
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks("INC-RESTART") == 1);
    }

    @Test
    void aBroadcastOverTheTenantsAudienceCapNeedsApprovalWhateverItSays() {
        List<String> recipients = List.of(recipient("r-cap-1"), recipient("r-cap-2"), recipient("r-cap-3"));
        root.incidentWithUpdate("INC-CAP", "SEV3", "investigating", "b");
        assertThat(root.put("/v1/settings", Map.of("maxAudienceWithoutApproval", 2)).status()).isEqualTo(200);
        try {
            var over = root.post("/v1/broadcasts", Map.of("incidentId", "INC-CAP", "audience",
                    Map.of("recipients", recipients), "channels", List.of("webhook"),
                    "approval", Map.of("required", false, "autoReleaseAfter", "PT1S")));
            assertThat(over.json().get("status")).as(over.body()).isEqualTo("pending-approval");
            var view = root.get("/v1/broadcasts/" + over.json().get("id")).json();
            assertThat(approval(view)).containsEntry("forcedByAudienceCap", true).containsEntry("releaseAt", null);
            var under = root.post("/v1/broadcasts", Map.of("incidentId", "INC-CAP", "audience",
                    Map.of("recipients", recipients.subList(0, 2)), "channels", List.of("webhook")));
            assertThat(under.json().get("status")).as(under.body()).isEqualTo("accepted");
            assertThat(root.get("/v1/broadcasts/" + under.json().get("id")).json().get("approval")).isNull();
            root.awaitCompleted((String) under.json().get("id"), Duration.ofSeconds(30));
        } finally {
            root.put("/v1/settings", Map.of("maxAudienceWithoutApproval", 10_000));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePreviewCountsWhatTheBroadcastTargetsOncePerChannel() {
        for (int i = 1; i <= 6; i++) {
            String id = "p-" + i;
            Map<String, Object> contacts = new LinkedHashMap<>();
            if (i <= 4) {
                contacts.put("email", id + "@example.com");
            }
            if (i <= 3 || i == 5) {
                contacts.put("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET));
            }
            if (i == 6) {
                contacts.put("sms", "+15550100006");
            }
            var put = root.put("/v1/recipients/" + id, Map.of("tier", i <= 2 ? "enterprise" : "pro", "contacts", contacts));
            assertThat(put.status()).as(put.body()).isBetween(200, 201);
        }
        assertThat(root.put("/v1/segments/preview-ent", Map.of("match", Map.of("tier", List.of("enterprise")))).status())
                .isBetween(200, 201);
        execute("INSERT INTO unusable_contacts (tenant_id, recipient_id, channel, destination, reason) "
                + "VALUES ('default', 'p-3', 'webhook', '" + stack.sandbox().webhookUrl("p-3") + "', 'gone')");
        assertThat(root.put("/v1/admin/rate-limits/provider:email:default",
                Map.of("capacity", 1, "refillTokens", 1, "refillPeriod", "PT1S")).status()).isEqualTo(200);
        try {
            root.incidentWithUpdate("INC-PREVIEW", "SEV2", "identified",
                    "db-7.prod.internal is back; ask p-1@example.com or ops@acme.io");
            Map<String, Object> body = Map.of("incidentId", "INC-PREVIEW", "audience", Map.of("segments",
                    List.of("preview-ent"), "recipients", List.of("p-3", "p-4", "p-5", "p-6")),
                    "channels", List.of("webhook", "email"), "approval", Map.of("required", true));
            var preview = root.post("/v1/broadcasts:preview", body);
            assertThat(preview.status()).as(preview.body()).isEqualTo(200);
            Map<String, Object> counted = preview.json();
            assertThat(counted).containsEntry("method", "exact").containsEntry("recipients", 6)
                    .containsEntry("byChannel", Map.of("webhook", 3, "email", 4))
                    .containsEntry("bySegment", Map.of("preview-ent", 2))
                    .containsEntry("byTier", Map.of("enterprise", 2, "pro", 4))
                    .containsEntry("suppressed", Map.of("no-contact", 4, "contact-point-unusable", 1, "blackout", 0))
                    .containsEntry("estimatedSeconds", Map.of("webhook", 0.0, "email", 3.0));
            Map<String, Object> sample = ((List<Map<String, Object>>) counted.get("samples")).get(0);
            assertThat(sample).containsEntry("recipientId", "p-1")
                    .containsEntry("channels", List.of("webhook", "email"))
                    .as("an update without a template: each channel's built-in message, redacted")
                    .containsEntry("webhook", Map.of("title", "Trouble with INC-PREVIEW",
                            "body", "[host] is back; ask [email] or [email]"));
            Map<String, Object> email = (Map<String, Object>) sample.get("email");
            assertThat(email).containsEntry("subject", "[SEV2] Trouble with INC-PREVIEW (identified)")
                    .doesNotContainKeys("template", "locale", "templateVersion");
            assertThat((String) email.get("text")).as("the recipient's own address is kept")
                    .contains("[host] is back; ask p-1@example.com or [email]");
            assertThat((String) email.get("html")).contains("<h1>Trouble with INC-PREVIEW</h1>")
                    .contains("ask p-1@example.com or [email]");
            assertThat(query("SELECT count(*)::text FROM broadcasts WHERE incident_id = ?", "INC-PREVIEW"))
                    .as("the preview stored nothing").containsExactly("0");

            var accepted = root.post("/v1/broadcasts", body);
            String id = (String) accepted.json().get("id");
            assertThat(root.get("/v1/broadcasts/" + id + "/preview").json()).isEqualTo(counted);
            assertThat(approver.post("/v1/broadcasts/" + id + ":approve", "").status()).isEqualTo(200);
            Map<String, Long> counts = Api.counts(root.awaitCompleted(id, Duration.ofSeconds(60)));
            assertThat(counts.get("targeted")).as("byChannel + suppressed = targeted").isEqualTo(3 + 4 + 4 + 1);
            assertThat(counts.get("sent")).isEqualTo(3 + 4);
            assertThat(counts.get("suppressed")).isEqualTo(4 + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> webhooks("INC-PREVIEW") == 3);
            assertThat(stack.sandbox().messages("email").stream()
                    .filter(m -> "INC-PREVIEW".equals(m.incidentId())).count()).isEqualTo(4);
            assertThat(sentEmail("p-1")).as("the sample is what was sent")
                    .isEqualTo(Map.of("subject", email.get("subject"), "text", email.get("text"), "html", email.get("html")));
            assertThat(((Map<String, Object>) JSON.readValue(sentBody("webhook", "p-1"), Map.class)).get("message"))
                    .isEqualTo(sample.get("webhook"));
        } finally {
            execute("DELETE FROM unusable_contacts WHERE tenant_id = 'default' AND recipient_id = 'p-3'");
            root.put("/v1/admin/rate-limits/provider:email:default",
                    Map.of("capacity", 500, "refillTokens", 5000, "refillPeriod", "PT1S"));
        }
    }

    private static String pendingBroadcast(String incident, String recipient, String autoReleaseAfter) {
        Map<String, Object> approval = new LinkedHashMap<>(Map.of("required", true));
        if (autoReleaseAfter != null) {
            approval.put("autoReleaseAfter", autoReleaseAfter);
        }
        var accepted = root.post("/v1/broadcasts", Map.of("incidentId", incident, "audience",
                Map.of("recipients", List.of(recipient)), "channels", List.of("webhook"), "approval", approval));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("status")).isEqualTo("pending-approval");
        return (String) accepted.json().get("id");
    }

    private static String recipient(String id) {
        var put = root.put("/v1/recipients/" + id, Map.of("contacts", Map.of("webhook",
                Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET))));
        assertThat(put.status()).as(put.body()).isBetween(200, 201);
        return id;
    }

    /** The subject, text and HTML part of what the sandbox received by email for {@code recipient} of INC-PREVIEW. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> sentEmail(String recipient) {
        Map<String, Object> body = JSON.readValue(sentBody("email", recipient), Map.class);
        return Map.of("subject", body.get("subject"), "text", body.get("text"), "html", body.get("html"));
    }

    private static String sentBody(String channel, String recipient) {
        return stack.sandbox().messages(channel).stream()
                .filter(m -> "INC-PREVIEW".equals(m.incidentId()) && recipient.equals(m.recipient()))
                .findFirst().orElseThrow().body();
    }

    private static long webhooks(String incident) {
        return stack.sandbox().messages("webhook").stream().filter(m -> incident.equals(m.incidentId())).count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> approval(Map<String, Object> broadcast) {
        return (Map<String, Object>) broadcast.get("approval");
    }

    /** The broadcast's audit entries as "actor action", oldest first. */
    private static List<String> audit(String id) {
        return query("SELECT actor || ' ' || action FROM audit_log WHERE subject = ? ORDER BY id", "broadcast/" + id);
    }

    private static void execute(String sql) {
        var postgres = stack.postgresCoordinates();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(namespace.database()), postgres.user(),
                postgres.password()); var statement = db.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String approverKey() {
        return approver.authorization().substring("Bearer ".length());
    }

    private static List<String> query(String sql, String parameter) {
        var postgres = stack.postgresCoordinates();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(namespace.database()), postgres.user(),
                postgres.password()); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
