package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Playbooks over HTTP on the real stack: an update with {@code "broadcast": "playbook"} runs the most specific
 * matching playbook, whose {@code affectedServices} reach every recipient depending on a service of the
 * incident, and whose approval holds the broadcast; no match refuses the update and stores nothing.
 */
@ExtendWith(DevStackExtension.class)
class PlaybookEndToEndTest {
    private static final String KEY = "playbook-root-key";

    private static DevStack stack;
    private static Engine engine;
    private static Api root;
    private static Api approver;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("playbooks");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of());
        root = new Api(engine.gatewayUrl(), KEY);
        var created = root.post("/v1/admin/api-keys", Map.of("name", "approver", "tenant", "default",
                "scopes", List.of("approve", "read")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        approver = root.withKey((String) created.json().get("key"));
        recipient("pb-ent", "enterprise", List.of());
        recipient("pb-payments", "pro", List.of("payments"));
        recipient("pb-other", "pro", List.of("search"));
        assertThat(root.put("/v1/segments/pb-enterprise", Map.of("match", Map.of("tier", List.of("enterprise"))))
                .status()).isEqualTo(201);
        var sev1 = root.put("/v1/playbooks/sev1", Map.of("match", Map.of("severities", List.of("SEV1", "SEV2")),
                "channels", List.of("webhook"), "audience", Map.of("segments", List.of("pb-enterprise"),
                        "affectedServices", true), "approval", Map.of("required", true, "autoReleaseAfter", "PT10M")));
        assertThat(sev1.status()).as(sev1.body()).isEqualTo(201);
        var security = root.put("/v1/playbooks/sev1-security", Map.of("match", Map.of("severities", List.of("SEV1"),
                "tags", List.of("security")), "channels", List.of("webhook"), "audience",
                Map.of("segments", List.of("pb-enterprise"))));
        assertThat(security.status()).as(security.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aPlaybookIsStoredAndReadBackByItsTenantsAdmin() {
        var read = root.get("/v1/playbooks/sev1");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).containsEntry("name", "sev1").containsEntry("channels", List.of("webhook"))
                .containsEntry("audience", Map.of("segments", List.of("pb-enterprise"), "affectedServices", true));
        assertThat(root.get("/v1/playbooks/absent").status()).isEqualTo(404);
        var bad = root.put("/v1/playbooks/bad", Map.of("channels", List.of("fax"), "audience", Map.of()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("channels[0]").contains("audience");
    }

    @Test
    void theMatchingPlaybooksBroadcastReachesItsSegmentAndTheAffectedServicesAfterApproval() {
        assertThat(root.put("/v1/incidents/INC-PB", Map.of("title", "Payments down", "severity", "SEV1",
                "tags", List.of("db"), "services", List.of("payments"))).status()).isEqualTo(201);
        var update = root.post("/v1/incidents/INC-PB/updates", Map.of("status", "investigating", "body", "b",
                "broadcast", "playbook"));
        assertThat(update.status()).as(update.body()).isEqualTo(201);
        String id = (String) update.json().get("broadcastId");
        var pending = root.get("/v1/broadcasts/" + id).json();
        assertThat(pending).containsEntry("status", "pending-approval").containsEntry("version", 1);
        assertThat(root.get("/v1/broadcasts/" + id + "/preview").json()).containsEntry("recipients", 2);

        assertThat(approver.post("/v1/broadcasts/" + id + ":approve", "").status()).isEqualTo(200);
        Map<String, Long> counts = Api.counts(root.awaitCompleted(id, Duration.ofSeconds(30)));
        assertThat(counts.get("targeted")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> received("INC-PB").size() == 2);
        assertThat(received("INC-PB")).extracting(SandboxMessage::recipient)
                .containsExactlyInAnyOrder("pb-ent", "pb-payments");
    }

    @Test
    void theMostSpecificPlaybookWins() {
        assertThat(root.put("/v1/incidents/INC-PB-SEC", Map.of("title", "Breach", "severity", "SEV1",
                "tags", List.of("security"), "services", List.of("payments"))).status()).isEqualTo(201);
        var update = root.post("/v1/incidents/INC-PB-SEC/updates", Map.of("status", "investigating", "body", "b",
                "broadcast", "playbook"));
        assertThat(update.status()).as(update.body()).isEqualTo(201);
        String id = (String) update.json().get("broadcastId");
        Map<String, Long> counts = Api.counts(root.awaitCompleted(id, Duration.ofSeconds(30)));
        assertThat(counts.get("targeted")).as("sev1-security: no approval, enterprise only").isEqualTo(1);
    }

    @Test
    void noMatchingPlaybookRefusesTheUpdateAndStoresNothing() {
        assertThat(root.put("/v1/incidents/INC-PB-LOW", Map.of("title", "Slow", "severity", "SEV4")).status())
                .isEqualTo(201);
        var update = root.post("/v1/incidents/INC-PB-LOW/updates", Map.of("status", "investigating", "body", "b",
                "broadcast", "playbook"));
        assertThat(update.status()).as(update.body()).isEqualTo(422);
        assertThat(update.body()).contains("no playbook matches");
        assertThat(root.get("/v1/incidents/INC-PB-LOW").json()).containsEntry("latestVersion", 0);
    }

    private static void recipient(String id, String tier, List<String> services) {
        var put = root.put("/v1/recipients/" + id, Map.of("tier", tier, "services", services, "contacts",
                Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET))));
        assertThat(put.status()).as(put.body()).isBetween(200, 201);
    }

    private static List<SandboxMessage> received(String incident) {
        return stack.sandbox().messages("webhook").stream().filter(m -> incident.equals(m.incidentId())).toList();
    }
}
