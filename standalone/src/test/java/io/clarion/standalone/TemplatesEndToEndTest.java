package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.core.webhook.WebhookSignature;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Templates end to end over HTTP and the real provider SDKs against the sandbox: one template in en, de and fr;
 * each recipient reads its language (or the fallback) on all four channels (email, SMS, push, signed webhooks), with
 * a tracked status link, HTML escaping and redaction, rendered with the template versions current when the update
 * was posted; the archive hashes what each recipient was sent; the blast-radius preview shows the same messages; an
 * update missing a variable is refused with every missing name.
 */
@ExtendWith(DevStackExtension.class)
class TemplatesEndToEndTest {
    private static final String ROOT_KEY = "templates-root-key";
    private static final String TENANT = "tpl";
    private static final String INCIDENT = "INC-TPL";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ALL_CHANNELS = List.of("email", "sms", "push", "webhook");
    /** Recipient id → locale on file (null: none) → the template locale expected. */
    private static final Map<String, String[]> RECIPIENTS = new LinkedHashMap<>();

    static {
        RECIPIENTS.put("t-dech", new String[] {"de-CH", "DE"});
        RECIPIENTS.put("t-de", new String[] {"de", "DE"});
        RECIPIENTS.put("t-fr", new String[] {"fr-FR", "FR"});
        RECIPIENTS.put("t-es", new String[] {"es", "EN"});
        RECIPIENTS.put("t-none", new String[] {null, "EN"});
    }

    private static DevStack stack;
    private static Engine engine;
    private static Namespace namespace;
    private static Api admin;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("templates");
        engine = Engine.start(stack, namespace, 0, ROOT_KEY, Map.of());
        admin = new Api(engine.gatewayUrl(), tenantWithAdminKey());
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void eachRecipientReadsItsLanguageWithATrackedLinkEscapedHtmlAndRedactedInternals() throws SQLException {
        assertThat(admin.put("/v1/settings", Map.of("statusPageUrl", "https://status.acme.com/?lang=de",
                "defaultLocale", "en")).status()).isEqualTo(200);
        putTemplate("en", "EN");
        putTemplate("fr", "FR");
        putTemplate("de", "DE-old");
        putTemplate("de", "DE");
        var listed = admin.get("/v1/templates/outage");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("{\"locale\":\"de\",\"latest\":2,\"versions\":[1,2]}")
                .contains("{\"locale\":\"en\",\"latest\":1,\"versions\":[1]}");
        RECIPIENTS.forEach((id, locale) -> putRecipient(id, locale[0]));
        assertThat(admin.put("/v1/incidents/" + INCIDENT, Map.of("title", "Payments down", "severity", "SEV1"))
                .status()).isEqualTo(201);

        var refused = admin.post("/v1/incidents/" + INCIDENT + "/updates", Map.of("status", "identified",
                "body", "x", "template", "outage", "variables", Map.of("region", "EU")));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("eta").contains("variables.eta");
        assertThat(admin.get("/v1/incidents/" + INCIDENT).json()).as("nothing stored").containsEntry("latestVersion", 0);

        var update = admin.post("/v1/incidents/" + INCIDENT + "/updates", Map.of("status", "identified",
                "body", "Primary 10.0.3.7 <script>alert(1)</script> failed", "template", "outage",
                "variables", Map.of("eta", "14:00 UTC")));
        assertThat(update.status()).as(update.body()).isEqualTo(201);
        putTemplate("de", "DE-put-after-the-update");
        String id = admin.broadcast(INCIDENT, List.copyOf(RECIPIENTS.keySet()), ALL_CHANNELS);
        assertThat(Api.counts(admin.awaitCompleted(id, Duration.ofMinutes(1)))).containsEntry("sent", 20L);

        RECIPIENTS.forEach((recipient, locale) -> {
            String language = locale[1];
            JsonNode email = JSON.readTree(single("email", recipient).body());
            assertThat(email.path("subject").asString()).isEqualTo(language + ": Payments down");
            assertThat(email.path("text").asString()).startsWith(language + " Primary [ip] <script>alert(1)</script>")
                    .contains("ETA 14:00 UTC").contains("https://status.acme.com/?lang=de&utm_source=clarion"
                            + "&utm_medium=email&utm_campaign=" + INCIDENT + "&utm_content=v1");
            assertThat(email.path("html").asString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain("<script>").contains("href=\"https://status.acme.com/?lang=de&amp;utm_source");
            String sms = JSON.readTree(single("sms", recipient).body()).path("body").asString();
            assertThat(sms).startsWith(language + " Payments down ETA 14:00 UTC")
                    .contains("utm_medium=sms&utm_campaign=" + INCIDENT).contains("lang=de");
            assertThat(received("push", recipient)).isNotEmpty().allSatisfy(push -> assertThat(push.body())
                    .contains(language + " Primary [ip]").doesNotContain("10.0.3.7"));
            assertWebhookInLanguage(single("webhook", recipient), recipient, language);
        });
        Map<String, String> ledger = ledger(INCIDENT);
        assertThat(ledger).as("the ledger records template, version and locale per delivery").containsKeys(
                "t-dech email outage 2 de", "t-de sms outage 2 de", "t-fr push outage 1 fr", "t-es email outage 1 en",
                "t-none sms outage 1 en", "t-de webhook outage 2 de", "t-fr webhook outage 1 fr");
        assertThat(hashes(ledger, "t-de")).as("same language, same message, same hash").isEqualTo(hashes(ledger, "t-dech"));
        assertThat(hashes(ledger, "t-es")).isEqualTo(hashes(ledger, "t-none"));
        for (String channel : ALL_CHANNELS) {
            assertThat(hashOf(ledger, "t-de", channel)).as("another language, another hash: " + channel)
                    .isNotEqualTo(hashOf(ledger, "t-fr", channel)).isNotEqualTo(hashOf(ledger, "t-es", channel));
        }
        assertSamplesInLanguage(admin.get("/v1/broadcasts/" + id + "/preview"));
        assertSamplesInLanguage(admin.post("/v1/broadcasts:preview", Map.of("incidentId", INCIDENT, "version", 1,
                "audience", Map.of("recipients", List.copyOf(RECIPIENTS.keySet())), "channels", ALL_CHANNELS)));
    }

    /** A signed webhook whose API.md fields are the update's own and whose {@code message} is in the language. */
    private static void assertWebhookInLanguage(SandboxMessage webhook, String recipient, String language) {
        assertThat(WebhookSignature.verify(Api.WEBHOOK_SECRET, webhook.messageId(),
                Long.parseLong(webhook.headers().get("webhook-timestamp")), webhook.body(),
                webhook.headers().get("webhook-signature"))).as("signature to " + recipient).isTrue();
        JsonNode payload = JSON.readTree(webhook.body());
        assertThat(payload.path("type").asString()).isEqualTo("incident.update");
        assertThat(payload.path("version").asInt()).isEqualTo(1);
        assertThat(payload.path("recipientId").asString()).isEqualTo(recipient);
        assertThat(payload.path("title").asString()).isEqualTo("Payments down");
        assertThat(payload.path("body").asString()).isEqualTo("Primary [ip] <script>alert(1)</script> failed");
        JsonNode message = payload.path("message");
        assertThat(message.path("title").asString()).isEqualTo(language + " Payments down");
        assertThat(message.path("body").asString()).startsWith(language + " Primary [ip] <script>alert(1)</script>")
                .contains("ETA 14:00 UTC").contains("utm_medium=webhook&utm_campaign=" + INCIDENT);
        assertThat(message.path("template").asString()).isEqualTo("outage");
        assertThat(message.path("locale").asString()).isEqualTo(language.toLowerCase(java.util.Locale.ROOT));
    }

    /** Every sample shows, per channel, the message that recipient was sent (pinned version, redacted). */
    private static void assertSamplesInLanguage(Api.Response preview) {
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode samples = JSON.readTree(preview.body()).path("samples");
        assertThat(samples.size()).isEqualTo(RECIPIENTS.size());
        for (JsonNode sample : samples) {
            String language = RECIPIENTS.get(sample.path("recipientId").asString())[1];
            assertThat(sample.path("email").path("subject").asString()).isEqualTo(language + ": Payments down");
            assertThat(sample.path("email").path("templateVersion").asInt()).isEqualTo(language.equals("DE") ? 2 : 1);
            assertThat(sample.path("sms").path("text").asString()).startsWith(language + " Payments down ETA");
            assertThat(sample.path("push").path("body").asString()).isEqualTo(language + " Primary [ip] "
                    + "<script>alert(1)</script> failed");
            assertThat(sample.path("webhook").path("title").asString()).isEqualTo(language + " Payments down");
        }
        assertThat(preview.body()).doesNotContain("10.0.3.7").doesNotContain("DE-put-after-the-update");
    }

    @Test
    void aTemplatePutAfterTheUpdateChangesNothingThatUpdateSays() {
        var first = admin.put("/v1/templates/pinned/locales/en", Map.of("email", Map.of("subject", "OLD {{incident.title}}"),
                "webhook", Map.of("body", "OLD {{update.body}}")));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        putRecipient("t-pin", "en-GB");
        assertThat(admin.put("/v1/incidents/INC-PIN", Map.of("title", "Queue backlog", "severity", "SEV3")).status())
                .isEqualTo(201);
        assertThat(admin.post("/v1/incidents/INC-PIN/updates", Map.of("status", "identified", "body", "draining",
                "template", "pinned")).status()).isEqualTo(201);
        var second = admin.put("/v1/templates/pinned/locales/en", Map.of("email", Map.of("subject",
                "NEW {{incident.title}} {{variables.eta}}"), "webhook", Map.of("body", "NEW {{update.body}}")));
        assertThat(second.status()).as(second.body()).isEqualTo(201);

        String v1 = admin.broadcast("INC-PIN", List.of("t-pin"), List.of("email", "webhook"));
        assertThat(Api.counts(admin.awaitCompleted(v1, Duration.ofMinutes(1)))).containsEntry("sent", 2L);
        assertThat(admin.post("/v1/incidents/INC-PIN/updates", Map.of("status", "monitoring", "body", "drained",
                "template", "pinned", "variables", Map.of("eta", "now"))).status()).isEqualTo(201);
        String v2 = admin.broadcast("INC-PIN", List.of("t-pin"), List.of("email", "webhook"));
        assertThat(Api.counts(admin.awaitCompleted(v2, Duration.ofMinutes(1)))).containsEntry("sent", 2L);

        List<SandboxMessage> emails = received("email", "t-pin", "INC-PIN");
        assertThat(emails).extracting(m -> JSON.readTree(m.body()).path("subject").asString())
                .containsExactly("OLD Queue backlog", "NEW Queue backlog now");
        assertThat(received("webhook", "t-pin", "INC-PIN")).extracting(m -> JSON.readTree(m.body()).path("message")
                .path("body").asString()).containsExactly("OLD draining", "NEW drained");
        var preview = admin.post("/v1/templates/pinned:render", Map.of("incidentId", "INC-PIN", "version", 1,
                "recipientId", "t-pin"));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(JSON.readTree(preview.body()).path("email").path("subject").asString()).isEqualTo("OLD Queue backlog");
    }

    /** {@code "recipient channel template version locale"} → hex content hash, of the incident's deliveries. */
    private static Map<String, String> ledger(String incident) throws SQLException {
        var postgres = stack.postgresCoordinates();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(namespace.database()),
                postgres.user(), postgres.password());
             var rows = connection.createStatement().executeQuery("SELECT recipient_id, channel, template_name, "
                     + "template_version, template_locale, encode(content_hash, 'hex') FROM deliveries "
                     + "WHERE incident_id = '" + incident + "'")) {
            Map<String, String> entries = new HashMap<>();
            while (rows.next()) {
                entries.put(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
                        + rows.getInt(4) + " " + rows.getString(5), rows.getString(6));
            }
            return entries;
        }
    }

    private static List<String> hashes(Map<String, String> ledger, String recipient) {
        return ALL_CHANNELS.stream().map(channel -> hashOf(ledger, recipient, channel)).toList();
    }

    private static String hashOf(Map<String, String> ledger, String recipient, String channel) {
        return ledger.entrySet().stream().filter(entry -> entry.getKey().startsWith(recipient + " " + channel + " "))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(recipient + " " + channel));
    }

    @Test
    void thePreviewShowsEachChannelForOneRecipientAfterRedaction() {
        putTemplate("preview", "en", "EN");
        putTemplate("preview", "de", "DE");
        putRecipient("p-dech", "de-CH");
        assertThat(admin.put("/v1/settings", Map.of("statusPageUrl", "https://status.acme.com/?lang=de",
                "redaction", Map.of("rules", List.of(Map.of("name", "ticket", "pattern", "JIRA-[0-9]+",
                        "replacement", "[ref]"))))).status()).isEqualTo(200);
        assertThat(admin.put("/v1/incidents/INC-PREVIEW", Map.of("title", "API slow", "severity", "SEV3")).status())
                .isEqualTo(201);
        assertThat(admin.post("/v1/incidents/INC-PREVIEW/updates", Map.of("status", "identified",
                "body", "db-7.prod.internal and JIRA-4711, key AKIAIOSFODNN7EXAMPLE", "template", "preview",
                "variables", Map.of("eta", "soon"))).status()).isEqualTo(201);

        var preview = admin.post("/v1/templates/preview:render", Map.of("incidentId", "INC-PREVIEW", "version", 1,
                "recipientId", "p-dech"));

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode channels = JSON.readTree(preview.body());
        assertThat(channels.path("email").path("locale").asString()).isEqualTo("de");
        assertThat(channels.path("email").path("subject").asString()).isEqualTo("DE: API slow");
        assertThat(channels.path("email").path("text").asString())
                .isEqualTo("DE [host] and [ref], key [aws-key] ETA soon https://status.acme.com/?lang=de"
                        + "&utm_source=clarion&utm_medium=email&utm_campaign=INC-PREVIEW&utm_content=v1");
        assertThat(channels.path("sms").path("text").asString()).contains("utm_medium=sms");
        assertThat(channels.path("push").path("body").asString()).isEqualTo("DE [host] and [ref], key [aws-key]");
        assertThat(preview.body()).doesNotContain("JIRA-4711").doesNotContain("db-7.prod.internal");
        assertThat(admin.post("/v1/templates/none:render", Map.of("incidentId", "INC-PREVIEW",
                "recipientId", "p-dech")).status()).isEqualTo(404);
    }

    @Test
    void anSmsThatGrowsPastMaxSegmentsAfterRenderingIsSuppressed() {
        var put = admin.put("/v1/templates/long/locales/en", Map.of("sms", Map.of("text",
                "{{variables.detail}} {{variables.detail}} {{variables.detail}}")));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        putRecipient("t-long", null);
        assertThat(admin.put("/v1/incidents/INC-LONG", Map.of("title", "t", "severity", "SEV3")).status())
                .isEqualTo(201);
        assertThat(admin.post("/v1/incidents/INC-LONG/updates", Map.of("status", "identified", "body", "short",
                "template", "long", "variables", Map.of("detail", "x".repeat(250)))).status()).isEqualTo(201);

        String id = admin.broadcast("INC-LONG", List.of("t-long"), List.of("sms"));

        assertThat(Api.counts(admin.awaitCompleted(id, Duration.ofMinutes(1)))).containsEntry("suppressed", 1L)
                .containsEntry("sent", 0L);
        assertThat(stack.sandbox().messages("sms").stream().filter(m -> "INC-LONG".equals(m.incidentId())))
                .isEmpty();
    }

    @Test
    void aTemplateSaysTheRecipientsAttributesAndARecipientWithoutThemReadsThemEmpty() {
        var put = admin.put("/v1/templates/plan/locales/en", Map.of("sms", Map.of("text",
                "{{incident.title}} for the {{recipient.attributes.plan}} plan of {{recipient.attributes.team}}"
                        + " ({{recipient.tier}})")));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        putRecipient("t-attrs", null, Map.of("plan", "gold", "team", "Zoë's ops", "seats", 12));
        putRecipient("t-no-attrs", null, Map.of());
        assertThat(admin.put("/v1/incidents/INC-PLAN", Map.of("title", "Sync late", "severity", "SEV3")).status())
                .isEqualTo(201);
        assertThat(admin.post("/v1/incidents/INC-PLAN/updates", Map.of("status", "identified", "body", "late",
                "template", "plan")).status()).isEqualTo(201);

        String id = admin.broadcast("INC-PLAN", List.of("t-attrs", "t-no-attrs"), List.of("sms"));

        assertThat(Api.counts(admin.awaitCompleted(id, Duration.ofMinutes(1)))).containsEntry("sent", 2L);
        assertThat(JSON.readTree(received("sms", "t-attrs", "INC-PLAN").get(0).body()).path("body").asString())
                .as("string attributes only: seats is a number").isEqualTo("Sync late for the gold plan of Zoë's ops (gold-tier)");
        assertThat(JSON.readTree(received("sms", "t-no-attrs", "INC-PLAN").get(0).body()).path("body").asString())
                .isEqualTo("Sync late for the  plan of  (gold-tier)");
    }

    private static void putTemplate(String locale, String language) {
        putTemplate("outage", locale, language);
    }

    private static void putTemplate(String name, String locale, String language) {
        var parts = Map.of(
                "email", Map.of("subject", language + ": {{incident.title}}",
                        "text", language + " {{update.body}} ETA {{variables.eta}} {{statusUrl}}",
                        "html", "<p>" + language + " {{update.body}}</p><a href=\"{{statusUrl}}\">status</a>"),
                "sms", Map.of("text", language + " {{incident.title}} ETA {{variables.eta}} {{statusUrl}}"),
                "push", Map.of("title", language + " {{incident.title}}", "body", language + " {{update.body}}"),
                "webhook", Map.of("title", language + " {{incident.title}}",
                        "body", language + " {{update.body}} ETA {{variables.eta}} {{statusUrl}}"));
        var put = admin.put("/v1/templates/" + name + "/locales/" + locale, parts);
        assertThat(put.status()).as(put.body()).isEqualTo(201);
    }

    private static void putRecipient(String id, String locale) {
        putRecipient(id, locale, null);
    }

    private static void putRecipient(String id, String locale, Map<String, Object> attributes) {
        Map<String, Object> body = new HashMap<>();
        if (attributes != null) {
            body.put("attributes", attributes);
            body.put("tier", "gold-tier");
        }
        body.put("contacts", Map.of("email", id + "@example.com", "sms", "+1555011" + (1000 + id.length()),
                "push", List.of(Map.of("platform", "fcm", "token", "fcm-" + id)),
                "webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET)));
        if (locale != null) {
            body.put("locale", locale);
        }
        var response = admin.put("/v1/recipients/" + id, body);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static SandboxMessage single(String channel, String recipient) {
        List<SandboxMessage> messages = received(channel, recipient);
        assertThat(messages).as(channel + " to " + recipient).hasSize(1);
        return messages.get(0);
    }

    private static List<SandboxMessage> received(String channel, String recipient) {
        return received(channel, recipient, INCIDENT);
    }

    private static List<SandboxMessage> received(String channel, String recipient, String incident) {
        return stack.sandbox().messages(channel).stream()
                .filter(m -> incident.equals(m.incidentId()) && recipient.equals(m.recipient())).toList();
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
