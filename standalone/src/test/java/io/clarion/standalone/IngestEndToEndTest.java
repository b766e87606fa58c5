package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.ingest.PagerDutySignature;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alert ingestion over HTTP on the real stack, with the tools' own payloads (test resources copied from
 * real Alertmanager and PagerDuty webhooks): firing then resolved is versions 1 and 2 of one incident, a
 * redelivery makes no version, the SEV1 playbook's broadcast waits for approval; PagerDuty's signature is
 * checked over the raw body, with rotation, and a bad one stores nothing.
 */
@ExtendWith(DevStackExtension.class)
class IngestEndToEndTest {
    private static final String KEY = "ingest-root-key";
    private static final String SECRET = "pd-secret-0123456789abcdef";
    private static final String OLD_SECRET = "pd-old-secret-0123456789";

    private static DevStack stack;
    private static Engine engine;
    private static Api root;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("ingest");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of());
        root = new Api(engine.gatewayUrl(), KEY);
        assertThat(root.put("/v1/settings", Map.of("pagerdutySecret", SECRET)).status()).isEqualTo(200);
        assertThat(root.put("/v1/recipients/api-user", Map.of("services", List.of("api"), "contacts", Map.of("webhook",
                Map.of("url", stack.sandbox().webhookUrl("api-user"), "secret", Api.WEBHOOK_SECRET)))).status())
                .isEqualTo(201);
        var playbook = root.put("/v1/playbooks/sev1", Map.of("match", Map.of("severities", List.of("SEV1")),
                "channels", List.of("webhook"), "audience", Map.of("affectedServices", true),
                "approval", Map.of("required", true)));
        assertThat(playbook.status()).as(playbook.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void alertmanagerFiringThenResolvedIsTwoVersionsAndARedeliveryNone() {
        String firing = fixture("alertmanager-v4-firing.json");
        var first = root.post("/v1/ingest/alertmanager", firing);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String incident = (String) first.json().get("incidentId");
        assertThat(incident).startsWith("am-");
        assertThat(first.json()).containsEntry("version", 1).containsEntry("duplicate", false);
        String broadcast = (String) first.json().get("broadcastId");
        assertThat(root.get("/v1/broadcasts/" + broadcast).json()).containsEntry("status", "pending-approval");
        var created = root.get("/v1/incidents/" + incident).json();
        assertThat(created).containsEntry("severity", "SEV1").containsEntry("services", List.of("api"))
                .containsEntry("title", "API error rate above 5% for 10 minutes");

        var again = root.post("/v1/ingest/alertmanager", firing);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json()).containsEntry("version", 1).containsEntry("duplicate", true)
                .containsEntry("broadcastId", broadcast);

        String resolved = firing.replace("\"status\": \"firing\"", "\"status\": \"resolved\"")
                .replace("\"endsAt\": \"0001-01-01T00:00:00Z\"", "\"endsAt\": \"2026-11-30T10:20:00.000Z\"");
        var second = root.post("/v1/ingest/alertmanager", resolved);
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        assertThat(second.json()).containsEntry("incidentId", incident).containsEntry("version", 2);
        assertThat(root.post("/v1/ingest/alertmanager", resolved).json()).containsEntry("version", 2)
                .containsEntry("duplicate", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> latest = (Map<String, Object>) root.get("/v1/incidents/" + incident).json().get("latest");
        assertThat(latest).containsEntry("version", 2).containsEntry("status", "resolved");
        assertThat(root.get("/v1/incidents/" + incident).json()).containsEntry("latestVersion", 2);
    }

    @Test
    void anAlertmanagerPayloadOfAnotherVersionIsRefused() {
        var refused = root.post("/v1/ingest/alertmanager", fixture("alertmanager-v4-firing.json")
                .replace("\"version\": \"4\"", "\"version\": \"3\""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("version");
    }

    @Test
    void pagerDutySignedEventsBecomeIncidentVersionsOnceAndBadSignaturesStoreNothing() {
        byte[] triggered = fixture("pagerduty-v3-incident-triggered.json").getBytes(StandardCharsets.UTF_8);
        assertThat(pagerduty("default", triggered, null).status()).as("missing").isEqualTo(401);
        assertThat(pagerduty("default", triggered, PagerDutySignature.sign(OLD_SECRET, triggered)).status())
                .as("wrong").isEqualTo(401);
        assertThat(pagerduty("nobody", triggered, PagerDutySignature.sign(SECRET, triggered)).status())
                .as("unknown tenant").isEqualTo(401);
        assertThat(root.get("/v1/incidents/pd-PGR0VU2").status()).as("nothing stored").isEqualTo(404);

        var accepted = pagerduty("default", triggered, PagerDutySignature.sign(SECRET, triggered));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json()).containsEntry("incidentId", "pd-PGR0VU2").containsEntry("version", 1);
        assertThat(root.get("/v1/incidents/pd-PGR0VU2").json()).containsEntry("severity", "SEV1")
                .containsEntry("title", "Payments API returning 502");
        assertThat(pagerduty("default", triggered, PagerDutySignature.sign(SECRET, triggered)).json())
                .as("the same event id again").containsEntry("version", 1).containsEntry("duplicate", true);

        byte[] acknowledged = new String(triggered, StandardCharsets.UTF_8)
                .replace("01DEN4HPBQAAAG05V5QQYBRZMF", "01DEN4HPBQAAAG05V5QQYBRZMG")
                .replace("\"incident.triggered\"", "\"incident.acknowledged\"").getBytes(StandardCharsets.UTF_8);
        String rotating = PagerDutySignature.sign(OLD_SECRET, acknowledged) + ","
                + PagerDutySignature.sign(SECRET, acknowledged);
        var rotated = pagerduty("default", acknowledged, rotating);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(202);
        assertThat(rotated.json()).containsEntry("version", 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> latest = (Map<String, Object>) root.get("/v1/incidents/pd-PGR0VU2").json().get("latest");
        assertThat(latest).containsEntry("status", "identified");
    }

    private static Api.Response pagerduty(String tenant, byte[] body, String signature) {
        String[] headers = signature == null ? new String[0] : new String[] {"X-PagerDuty-Signature", signature};
        return root.sendRaw("POST", "/v1/ingest/pagerduty/" + tenant, body, headers);
    }

    private static String fixture(String name) {
        try (InputStream in = IngestEndToEndTest.class.getResourceAsStream("/ingest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
