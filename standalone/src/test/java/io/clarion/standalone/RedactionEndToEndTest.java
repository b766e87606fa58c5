package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an engineer types into an update reaches no customer unredacted: built-in rules and a tenant rule applied
 * on every channel (real SDKs against the sandbox) and on the public status page (HTML, Statuspage JSON, Atom), and
 * a catastrophic tenant pattern refused when put.
 */
@ExtendWith(DevStackExtension.class)
class RedactionEndToEndTest {
    private static final String ROOT_KEY = "redaction-root-key";
    private static final String TENANT = "redact";
    private static final String INCIDENT = "INC-REDACT";
    private static final List<String> LEAKS = List.of("10.0.3.7", "db-7.prod.internal", "AKIAIOSFODNN7EXAMPLE",
            "other.customer@bigcorp.com", "JIRA-4711");

    private static DevStack stack;
    private static Engine engine;
    private static Api admin;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        engine = Engine.start(stack, stack.newNamespace("redaction"), 0, ROOT_KEY, Map.of());
        admin = new Api(engine.gatewayUrl(), tenantWithAdminKey());
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void anUpdateFullOfInternalsReachesNoChannelUnredacted() {
        var rules = admin.put("/v1/settings", Map.of("redaction", Map.of("rules", List.of(
                Map.of("name", "ticket", "pattern", "JIRA-[0-9]+", "replacement", "[ref]")))));
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        putRecipient("red-1");
        int version = admin.incidentWithUpdate(INCIDENT, "SEV1", "identified", "Primary 10.0.3.7 and "
                + "db-7.prod.internal failed, key AKIAIOSFODNN7EXAMPLE rotated, reported by "
                + "other.customer@bigcorp.com (JIRA-4711)");

        String id = admin.broadcast(INCIDENT, List.of("red-1"), List.of("email", "sms", "push", "webhook"));
        assertThat(Api.counts(admin.awaitCompleted(id, Duration.ofMinutes(1)))).containsEntry("sent", 4L)
                .containsEntry("failed", 0L);

        for (String channel : List.of("email", "sms", "push", "webhook")) {
            List<SandboxMessage> messages = received(channel);
            assertThat(messages).as(channel).isNotEmpty().allSatisfy(message -> {
                assertThat(message.version()).isEqualTo((long) version);
                assertThat(message.body()).as(channel).doesNotContain(LEAKS).contains("[ref]");
            });
        }
        assertThat(received("webhook")).singleElement().satisfies(webhook -> assertThat(webhook.body())
                .contains("Primary [ip] and [host] failed, key [aws-key] rotated, reported by [email] ([ref])"));
        assertThat(received("email")).singleElement().satisfies(email -> assertThat(email.body())
                .as("the recipient's own address is kept").contains("red-1@example.com"));
    }

    @Test
    void theStatusPageShowsUpdateBodiesAfterTheTenantsRedaction() {
        var rules = admin.put("/v1/settings", Map.of("redaction", Map.of("rules", List.of(
                Map.of("name", "ticket", "pattern", "JIRA-[0-9]+", "replacement", "[ref]")))));
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        admin.incidentWithUpdate("INC-REDACT-PAGE", "SEV2", "identified", "Primary 10.0.3.7 and "
                + "db-7.prod.internal failed, key AKIAIOSFODNN7EXAMPLE rotated, reported by "
                + "other.customer@bigcorp.com (JIRA-4711)");
        StatusPageHttp visitor = new StatusPageHttp(engine.gatewayUrl());

        for (String path : List.of("", "/api/v2/incidents.json", "/api/v2/incidents/unresolved.json",
                "/history.atom")) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(visitor.body("/status/" + TENANT + path)).as(path).contains("INC-REDACT-PAGE")
                            .contains("Primary [ip] and [host] failed, key [aws-key] rotated, reported by [email] ([ref])")
                            .doesNotContain(LEAKS));
        }
    }

    @Test
    void aCatastrophicOrInvalidTenantPatternIsRefused() {
        for (String pattern : List.of("((a+)+)+$", "(.*a){25}", "JIRA-[0-9")) {
            var refused = admin.put("/v1/settings", Map.of("redaction", Map.of("rules", List.of(
                    Map.of("name", "bad", "pattern", pattern, "replacement", "x")))));
            assertThat(refused.status()).as(pattern).isEqualTo(400);
            assertThat(refused.body()).contains("redaction.rules[0].pattern");
        }
    }

    private static void putRecipient(String id) {
        var contacts = Map.of("email", id + "@example.com", "sms", "+15550109999",
                "push", List.of(Map.of("platform", "fcm", "token", "fcm-" + id), Map.of("platform", "apns",
                        "token", "apns-" + id)),
                "webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET));
        var response = admin.put("/v1/recipients/" + id, Map.of("contacts", contacts));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static List<SandboxMessage> received(String channel) {
        return stack.sandbox().messages(channel).stream().filter(m -> INCIDENT.equals(m.incidentId())).toList();
    }

    private static String tenantWithAdminKey() {
        Api root = new Api(engine.gatewayUrl(), ROOT_KEY);
        assertThat(root.post("/v1/admin/tenants", Map.of("id", TENANT, "name", TENANT)).status()).isEqualTo(201);
        var created = root.post("/v1/admin/api-keys", Map.of("name", "admin", "tenant", TENANT,
                "scopes", List.of("admin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }
}
