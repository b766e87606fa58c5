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
 * Tenants side by side through the HTTP API on the real stack (DESIGN rule 8): the same ids in two tenants
 * are two objects, neither tenant sees or changes the other's, and a broadcast of one never reaches the
 * other's recipients. Also the life of an API key: created, used, listed without its secret, revoked.
 */
@ExtendWith(DevStackExtension.class)
class TenancyTest {
    private static final String ROOT_KEY = "tenancy-root-key";
    private static final String INCIDENT = "INC-TENANCY";

    private static DevStack stack;
    private static Engine engine;
    private static Api root;
    private static Api acme;
    private static Api globex;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("tenancy");
        engine = Engine.start(stack, namespace, 0, ROOT_KEY, Map.of());
        root = new Api(engine.gatewayUrl(), ROOT_KEY);
        acme = new Api(engine.gatewayUrl(), tenantWithAdminKey("acme"));
        globex = new Api(engine.gatewayUrl(), tenantWithAdminKey("globex"));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void twoTenantsWithTheSameIdsNeitherSeeNorChangeEachOthersObjects() {
        for (Api tenant : List.of(acme, globex)) {
            String name = tenant == acme ? "acme" : "globex";
            assertThat(tenant.put("/v1/recipients/r-1", recipient(name)).status()).isEqualTo(201);
            assertThat(tenant.put("/v1/segments/everyone-eu", Map.of("match", Map.of("region", List.of("eu"))))
                    .status()).isEqualTo(201);
            assertThat(tenant.put("/v1/incidents/" + INCIDENT, Map.of("title", name + " trouble", "severity", "SEV2"))
                    .status()).as("the same incident id is new in each tenant").isEqualTo(201);
        }
        assertThat(acme.get("/v1/recipients/r-1").body()).contains("acme-r-1@example.com").doesNotContain("globex");
        assertThat(globex.get("/v1/recipients/r-1").body()).contains("globex-r-1@example.com").doesNotContain("acme");
        assertThat(acme.get("/v1/incidents/" + INCIDENT).json()).containsEntry("title", "acme trouble");
        assertThat(globex.get("/v1/incidents/" + INCIDENT).json()).containsEntry("title", "globex trouble");
        assertThat(acme.get("/v1/segments/everyone-eu/size").json()).containsEntry("recipients", 1);
        assertThat(root.get("/v1/recipients/r-1").status()).as("tenant default has no r-1").isEqualTo(404);

        assertThat(acme.post("/v1/incidents/" + INCIDENT + "/updates", Map.of("status", "identified", "body", "a1"))
                .json()).containsEntry("version", 1);
        assertThat(acme.post("/v1/incidents/" + INCIDENT + "/updates", Map.of("status", "monitoring", "body", "a2"))
                .json()).containsEntry("version", 2);
        assertThat(globex.post("/v1/incidents/" + INCIDENT + "/updates", Map.of("status", "identified", "body", "g1"))
                .json()).as("versions are per tenant's incident").containsEntry("version", 1);

        String acmeBroadcast = acme.broadcast(INCIDENT, Map.of("segments", List.of("everyone-eu")), List.of("webhook"));
        assertThat(globex.get("/v1/broadcasts/" + acmeBroadcast).status()).isEqualTo(404);
        assertThat(root.get("/v1/broadcasts/" + acmeBroadcast).status()).isEqualTo(404);
        acme.awaitCompleted(acmeBroadcast, Duration.ofSeconds(60));

        assertThat(webhooksFor("acme")).singleElement().satisfies(m -> assertThat(m.body()).contains("acme trouble"));
        assertThat(webhooksFor("globex")).as("a broadcast of acme never reaches globex's recipients").isEmpty();

        String globexBroadcast = globex.broadcast(INCIDENT, List.of("r-1"), List.of("webhook"));
        globex.awaitCompleted(globexBroadcast, Duration.ofSeconds(60));
        assertThat(webhooksFor("globex")).singleElement().satisfies(m -> assertThat(m.body()).contains("globex trouble"));
        assertThat(webhooksFor("acme")).hasSize(1);
    }

    @Test
    void aTenantCannotChangeAnotherTenantsObjectsThroughItsIds() {
        assertThat(acme.put("/v1/recipients/r-only-acme", Map.of("region", "us")).status()).isEqualTo(201);
        assertThat(globex.delete("/v1/recipients/r-only-acme").status())
                .isEqualTo(404);
        assertThat(globex.get("/v1/recipients/r-only-acme").status()).isEqualTo(404);
        assertThat(globex.get("/v1/segments/nope/size").status()).isEqualTo(404);
        assertThat(acme.get("/v1/recipients/r-only-acme").status()).as("still there for its tenant").isEqualTo(200);
        var broadcast = globex.post("/v1/broadcasts", Map.of("incidentId", "INC-ONLY-ACME",
                "audience", Map.of("recipients", List.of("r-only-acme")), "channels", List.of("webhook")));
        assertThat(broadcast.status()).as(broadcast.body()).isEqualTo(422);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aKeyIsCreatedUsedListedWithoutItsSecretAndRevokedAtOnce() {
        var created = acme.post("/v1/admin/api-keys", Map.of("name", "pagerduty", "scopes", List.of("write", "read")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = (String) created.json().get("key");
        String id = (String) created.json().get("id");
        assertThat(key).startsWith("clarion_").hasSizeGreaterThan(40);
        assertThat(created.json()).containsEntry("tenant", "acme").containsEntry("name", "pagerduty");

        Api pagerduty = new Api(engine.gatewayUrl(), key);
        assertThat(pagerduty.put("/v1/incidents/INC-PD", Map.of("title", "t", "severity", "SEV3")).status()).isEqualTo(201);
        assertThat(acme.get("/v1/incidents/INC-PD").status()).as("the key's objects are its tenant's").isEqualTo(200);
        assertThat(pagerduty.get("/v1/admin/api-keys").status()).as("write and read are not admin").isEqualTo(403);

        var listed = acme.get("/v1/admin/api-keys");
        assertThat(listed.body()).doesNotContain(key).doesNotContain("\"key\"");
        var keys = (List<Map<String, Object>>) listed.json().get("keys");
        assertThat(keys).extracting(k -> k.get("tenant")).containsOnly("acme");
        assertThat(keys).filteredOn(k -> id.equals(k.get("id"))).singleElement()
                .satisfies(k -> assertThat(k.get("lastUsedAt")).isNotNull())
                .satisfies(k -> assertThat(k.get("revokedAt")).isNull());
        assertThat(globex.delete("/v1/admin/api-keys/" + id).status())
                .as("another tenant's key is absent").isEqualTo(404);

        assertThat(acme.delete("/v1/admin/api-keys/" + id).status()).isEqualTo(204);
        var refused = pagerduty.get("/v1/incidents/INC-PD");
        assertThat(refused.status()).as("revoked at once on the gateway that revoked it").isEqualTo(401);
        assertThat(refused.contentType()).contains("application/problem+json");
    }

    @Test
    void anAdminKeyCannotReachBeyondItsTenantOrGrantOperator() {
        assertThat(acme.post("/v1/admin/api-keys", Map.of("name", "sneaky", "scopes", List.of("operator"))).status())
                .isEqualTo(403);
        assertThat(acme.post("/v1/admin/api-keys", Map.of("name", "sneaky", "tenant", "globex",
                "scopes", List.of("admin"))).status()).isEqualTo(403);
        assertThat(acme.post("/v1/admin/tenants", Map.of("id", "initech", "name", "Initech")).status()).isEqualTo(403);
        assertThat(acme.get("/v1/admin/rate-limits").status()).isEqualTo(403);
        assertThat(root.post("/v1/admin/tenants", Map.of("id", "Not A Slug", "name", "x")).status()).isEqualTo(400);
        assertThat(root.post("/v1/admin/tenants", Map.of("id", "acme", "name", "again")).status()).isEqualTo(409);
    }

    @Test
    void settingsArePerTenantMergedAndNeverAnswerTheSecret() {
        var put = acme.put("/v1/settings", Map.of("statusPageUrl", "https://status.acme.com/?lang=de",
                "pagerdutySecret", "acme-pagerduty-secret-1"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(acme.put("/v1/settings", Map.of("defaultLocale", "de-CH")).status()).isEqualTo(200);
        assertThat(acme.put("/v1/settings", Map.of("redaction", Map.of("rules", List.of(Map.of("name", "ticket",
                "pattern", "JIRA-[0-9]+", "replacement", "[ref]"))))).status()).isEqualTo(200);

        var settings = acme.get("/v1/settings");
        assertThat(settings.json()).containsEntry("statusPageUrl", "https://status.acme.com/?lang=de")
                .containsEntry("defaultLocale", "de-CH").containsEntry("maxAudienceWithoutApproval", 10_000)
                .containsEntry("pagerdutySecret", "***");
        assertThat(settings.body()).contains("JIRA-[0-9]+").doesNotContain("acme-pagerduty-secret-1");
        assertThat(globex.get("/v1/settings").json()).as("another tenant keeps the defaults")
                .containsEntry("defaultLocale", "en").containsEntry("pagerdutySecret", null);
        assertThat(acme.put("/v1/settings", Map.of("redaction", Map.of("rules", List.of(Map.of("name", "bad",
                "pattern", "([a-z", "replacement", "x"))))).status()).isEqualTo(400);
        assertThat(acme.put("/v1/settings", Map.of("statusPageUrl", "ftp://x")).status()).isEqualTo(400);
        assertThat(acme.get("/v1/settings").json()).as("a refused change keeps the settings")
                .containsEntry("statusPageUrl", "https://status.acme.com/?lang=de");
    }

    private static List<SandboxMessage> webhooksFor(String tenant) {
        return stack.sandbox().messages("webhook").stream()
                .filter(m -> m.path().equals("/webhooks/" + tenant + "-r-1") && INCIDENT.equals(m.incidentId()))
                .toList();
    }

    private static Map<String, Object> recipient(String tenant) {
        return Map.of("region", "eu", "contacts", Map.of("email", tenant + "-r-1@example.com",
                "webhook", Map.of("url", stack.sandbox().webhookUrl(tenant + "-r-1"),
                        "secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(
                                (tenant + "-secret-of-24-bytes!!!!!!").getBytes()))));
    }

    private static String tenantWithAdminKey(String tenant) {
        assertThat(root.post("/v1/admin/tenants", Map.of("id", tenant, "name", tenant)).status()).isEqualTo(201);
        var created = root.post("/v1/admin/api-keys", Map.of("name", "admin", "tenant", tenant,
                "scopes", List.of("admin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }
}
