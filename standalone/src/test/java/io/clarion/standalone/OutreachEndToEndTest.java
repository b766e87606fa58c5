package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Direct outreach over HTTP on the real stack: a playbook whose {@code outreach} names the enterprise tier
 * broadcasts to everyone else, and puts its enterprise recipients on the incident's outreach list with their
 * account owner instead of sending them anything; {@code :done} marks an entry done (idempotently), a newer
 * version opens it again, a broadcast waiting for approval lists nobody until it is released, and another tenant
 * sees none of it.
 */
@ExtendWith(DevStackExtension.class)
class OutreachEndToEndTest {
    private static final String KEY = "outreach-root-key";

    private static DevStack stack;
    private static Engine engine;
    private static Api root;
    private static Api approver;
    private static Api otherTenant;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("outreach");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of());
        root = new Api(engine.gatewayUrl(), KEY);
        approver = root.withKey(key("outreach-approver", "default", List.of("approve")));
        assertThat(root.post("/v1/admin/tenants", Map.of("id", "outreach-b", "name", "B")).status()).isEqualTo(201);
        otherTenant = root.withKey(key("outreach-b-key", "outreach-b", List.of("read", "write")));
        recipient("or-ent-1", "enterprise", Map.of("accountOwner", "alice@example.com"));
        recipient("or-ent-2", "enterprise", Map.of());
        recipient("or-pro", "pro", Map.of("accountOwner", "bob@example.com"));
        assertThat(root.put("/v1/segments/or-eu", Map.of("match", Map.of("region", List.of("eu")))).status())
                .isEqualTo(201);
        playbook("or-direct", "direct", Map.of());
        playbook("or-held", "held", Map.of("approval", Map.of("required", true)));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void enterpriseRecipientsGoOnTheOutreachListWithTheirOwnerAndGetNothing() {
        String id = update("INC-OR-1", "direct");
        Map<String, Long> counts = Api.counts(root.awaitCompleted(id, Duration.ofSeconds(30)));
        assertThat(counts.get("targeted")).as("only or-pro, on webhook and email").isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> received("INC-OR-1").size() == 2);
        assertThat(received("INC-OR-1")).extracting(SandboxMessage::recipient).containsOnly("or-pro");
        assertThat(root.get("/v1/broadcasts/" + id + "/preview").json()).containsEntry("recipients", 1)
                .containsEntry("outreach", 2).containsEntry("byTier", Map.of("pro", 1));

        var list = root.get("/v1/incidents/INC-OR-1/outreach");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json()).containsEntry("incidentId", "INC-OR-1").containsEntry("open", 2);
        List<Map<String, Object>> entries = entries(list.json());
        assertThat(entries).extracting(e -> e.get("recipientId")).containsExactly("or-ent-1", "or-ent-2");
        assertThat(entries.get(0)).containsEntry("owner", "alice@example.com")
                .containsEntry("ownerAttribute", "accountOwner").containsEntry("tier", "enterprise")
                .containsEntry("contact", Map.of("email", "or-ent-1@example.com", "sms", "+15550100001"))
                .containsEntry("version", 1).containsEntry("broadcastId", id).containsEntry("done", false);
        assertThat(entries.get(1)).containsEntry("owner", null);
    }

    @Test
    void doneIsRecordedOnceAndANewerVersionOpensTheEntryAgain() {
        String first = update("INC-OR-2", "direct");
        root.awaitCompleted(first, Duration.ofSeconds(30));
        var done = root.post("/v1/incidents/INC-OR-2/outreach/or-ent-1:done", "");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json()).containsEntry("done", true).containsEntry("doneVersion", 1);
        assertThat((String) done.json().get("doneBy")).startsWith("default/");
        var again = root.post("/v1/incidents/INC-OR-2/outreach/or-ent-1:done", "");
        assertThat(again.json()).as("idempotent").containsEntry("doneAt", done.json().get("doneAt"));
        assertThat(root.get("/v1/incidents/INC-OR-2/outreach").json()).containsEntry("open", 1);
        assertThat(root.post("/v1/incidents/INC-OR-2/outreach/or-pro:done", "").status())
                .as("or-pro was broadcast to, not listed").isEqualTo(404);

        root.awaitCompleted(update("INC-OR-2", "direct"), Duration.ofSeconds(30));
        List<Map<String, Object>> entries = entries(root.get("/v1/incidents/INC-OR-2/outreach").json());
        assertThat(entries).hasSize(2).allSatisfy(entry -> assertThat(entry).containsEntry("version", 2)
                .containsEntry("done", false));
        assertThat(entries).filteredOn(e -> "or-ent-1".equals(e.get("recipientId")))
                .singleElement().satisfies(entry -> assertThat(entry).containsEntry("doneVersion", 1));
    }

    @Test
    void aBroadcastWaitingForApprovalListsNobodyUntilItIsReleased() {
        String id = update("INC-OR-3", "held");
        assertThat(root.get("/v1/broadcasts/" + id).json()).containsEntry("status", "pending-approval");
        assertThat(entries(root.get("/v1/incidents/INC-OR-3/outreach").json())).isEmpty();
        assertThat(approver.post("/v1/broadcasts/" + id + ":approve", "").status()).isEqualTo(200);
        assertThat(entries(root.get("/v1/incidents/INC-OR-3/outreach").json()))
                .extracting(e -> e.get("recipientId")).containsExactly("or-ent-1", "or-ent-2");
    }

    @Test
    void anotherTenantsKeyGetsNotFound() {
        root.awaitCompleted(update("INC-OR-4", "direct"), Duration.ofSeconds(30));
        assertThat(otherTenant.get("/v1/incidents/INC-OR-4/outreach").status()).isEqualTo(404);
        assertThat(otherTenant.post("/v1/incidents/INC-OR-4/outreach/or-ent-1:done", "").status()).isEqualTo(404);
        assertThat(root.get("/v1/incidents/INC-OR-4/outreach").json()).as("unchanged").containsEntry("open", 2);
        assertThat(root.get("/v1/incidents/INC-OR-absent/outreach").status()).isEqualTo(404);
    }

    @Test
    void anOutreachWithoutTiersOrWithAnUnknownFieldIsRefused() {
        var empty = root.put("/v1/playbooks/or-bad", Map.of("channels", List.of("email"), "audience",
                Map.of("segments", List.of("or-eu")), "outreach", Map.of("tiers", List.of())));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("outreach.tiers");
        var unknown = root.put("/v1/playbooks/or-bad", Map.of("channels", List.of("email"), "audience",
                Map.of("segments", List.of("or-eu")), "outreach", Map.of("tiers", List.of("enterprise"), "owner", "x")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("outreach.owner");
        assertThat(root.get("/v1/playbooks/or-bad").status()).isEqualTo(404);
    }

    /** Posts an update of a new incident (or the next version) that runs the playbook matching {@code tag}. */
    private static String update(String incident, String tag) {
        assertThat(root.put("/v1/incidents/" + incident, Map.of("title", "Trouble", "severity", "SEV2",
                "tags", List.of(tag))).status()).isBetween(200, 201);
        var update = root.post("/v1/incidents/" + incident + "/updates", Map.of("status", "investigating",
                "body", "b", "broadcast", "playbook"));
        assertThat(update.status()).as(update.body()).isEqualTo(201);
        return (String) update.json().get("broadcastId");
    }

    private static void playbook(String name, String tag, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("match", Map.of("tags", List.of(tag)),
                "channels", List.of("webhook", "email"), "audience", Map.of("segments", List.of("or-eu")),
                "outreach", Map.of("tiers", List.of("enterprise"))));
        body.putAll(more);
        var put = root.put("/v1/playbooks/" + name, body);
        assertThat(put.status()).as(put.body()).isEqualTo(201);
    }

    private static void recipient(String id, String tier, Map<String, String> attributes) {
        var put = root.put("/v1/recipients/" + id, Map.of("tier", tier, "region", "eu", "attributes", attributes,
                "contacts", Map.of("email", id + "@example.com", "sms", "+15550100001",
                        "webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET))));
        assertThat(put.status()).as(put.body()).isBetween(200, 201);
    }

    private static String key(String name, String tenant, List<String> scopes) {
        var created = root.post("/v1/admin/api-keys", Map.of("name", name, "tenant", tenant, "scopes", scopes));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> list) {
        return (List<Map<String, Object>>) list.get("entries");
    }

    private static List<SandboxMessage> received(String incident) {
        return stack.sandbox().messages().stream().filter(m -> incident.equals(m.incidentId())).toList();
    }
}
