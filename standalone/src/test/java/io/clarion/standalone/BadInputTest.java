package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.digest.Sha256;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input over HTTP against the real stack: each malformed request gets the documented 4xx as
 * problem+json naming the field, and changes no row of any table (contents compared, not counts, so a
 * refused replacement shows too); a bad NDJSON line is rejected alone while the lines around it are kept.
 */
@ExtendWith(DevStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {
    private static final String KEY = "bad-input-key";
    private static final String READ_ONLY_KEY = "read-only-key";
    private static final int LINE_LIMIT = 256 * 1024; // clarion.http.max-body-size, by default
    private static final List<String> TABLES = List.of("recipients", "segments", "incidents", "incident_updates",
            "broadcasts", "idempotency_keys", "outbox", "deliveries", "audit_log", "rate_limits", "unusable_contacts");
    private static final String JSON = "application/json";
    private static final String NDJSON = "application/x-ndjson";

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api api;

    /** What a request is refused with: {@code field} null when the refusal is about no one field. */
    record Refused(int status, String field) {
    }

    /** An import that keeps the lines around line 2 and rejects line 2 alone, with a reason containing {@code reason}. */
    record Imported(String idPrefix, String reason) {
    }

    record Request(String method, String path, String contentType, byte[] body, String authorization) {
    }

    @BeforeAll
    static void start(DevStack devStack) throws SQLException {
        stack = devStack;
        namespace = stack.newNamespace("bad_input");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of());
        api = new Api(engine.gatewayUrl(), KEY);
        assertThat(api.put("/v1/incidents/INC-OK", Map.of("title", "t", "severity", "SEV3")).status()).isEqualTo(201);
        assertThat(api.post("/v1/incidents/INC-OK/updates", Map.of("status", "identified", "body", "b")).status())
                .isEqualTo(201);
        assertThat(api.put("/v1/segments/known", Map.of("match", Map.of("tier", List.of("pro")))).status()).isEqualTo(201);
        assertThat(api.put("/v1/recipients/r-known", Map.of("tier", "pro", "contacts", Map.of("webhook", Map.of(
                "url", stack.sandbox().webhookUrl("r-known"), "secret", Api.WEBHOOK_SECRET)))).status()).isEqualTo(201);
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO api_keys (tenant_id, name, key_hash, scopes) VALUES ('default', 'reader', ?, '{read}')")) {
            insert.setBytes(1, Sha256.of(READ_ONLY_KEY));
            insert.executeUpdate();
        }
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    static Stream<Arguments> badInputs() {
        String broadcast = "/v1/broadcasts";
        String good = "{\"incidentId\":\"INC-OK\",\"audience\":{\"segments\":[\"known\"]},\"channels\":[\"webhook\"]}";
        String recipient = "/v1/recipients/r-known";
        String webhook = "{\"contacts\":{\"webhook\":{\"url\":\"http://127.0.0.1:1/hook\",\"secret\":\"%s\"}}}";
        return Stream.of(
                bad("incident without title", "PUT", "/v1/incidents/INC-NEW", "{\"severity\":\"SEV1\"}", 400, "title"),
                bad("unknown severity", "PUT", "/v1/incidents/INC-NEW", "{\"title\":\"x\",\"severity\":\"SEV9\"}", 400,
                        "severity"),
                bad("unknown update status", "POST", "/v1/incidents/INC-OK/updates",
                        "{\"status\":\"fixed\",\"body\":\"x\"}", 400, "status"),
                bad("update of unknown incident", "POST", "/v1/incidents/INC-NONE/updates",
                        "{\"status\":\"resolved\",\"body\":\"x\"}", 404, null),
                bad("broadcast without channels", "POST", broadcast,
                        "{\"incidentId\":\"INC-OK\",\"audience\":{\"segments\":[\"known\"]}}", 400, "channels"),
                bad("broadcast without audience", "POST", broadcast,
                        "{\"incidentId\":\"INC-OK\",\"channels\":[\"webhook\"]}", 400, "audience"),
                bad("unknown channel", "POST", broadcast, good.replace("\"webhook\"", "\"fax\""), 400, "channels[0]"),
                bad("unknown segment", "POST", broadcast, good.replace("[\"known\"]", "[\"known\",\"nope\"]"), 422,
                        "audience.segments[1]"),
                bad("unknown incident", "POST", broadcast, good.replace("INC-OK", "INC-NONE"), 422, "incidentId"),
                bad("version that does not exist", "POST", broadcast, good.replace("{\"incidentId\"",
                        "{\"version\":7,\"incidentId\""), 422, "version"),
                bad("malformed JSON", "POST", broadcast, "{\"incidentId\": ", 400, null),
                bad("JSON that is not an object", "POST", broadcast, "[1,2]", 400, null),
                bad("oversized body", "POST", broadcast, "{\"incidentId\":\"" + "x".repeat(300_000) + "\"}", 413, null),
                bad("recipient with a bad phone number", "PUT", "/v1/recipients/r-bad",
                        "{\"contacts\":{\"sms\":\"555-0100\"}}", 400, "contacts.sms"),
                bad("recipient with a bad id", "PUT", "/v1/recipients/-starts-with-a-dash", "{}", 400, "id"),
                bad("path with a percent escape", "PUT", "/v1/recipients/has%20space", "{}", 400, null),
                bad("segment with an unknown key", "PUT", "/v1/segments/s1", "{\"match\":{\"colour\":[\"red\"]}}", 400,
                        "match.colour"),
                // unknown fields, at every depth of every body
                bad("unknown recipient field", "PUT", recipient, "{\"contcts\":{}}", 400, "contcts"),
                bad("unknown contacts field", "PUT", recipient, "{\"contacts\":{\"emial\":\"a@example.com\"}}", 400,
                        "contacts.emial"),
                bad("unknown push field", "PUT", recipient,
                        "{\"contacts\":{\"push\":[{\"platform\":\"fcm\",\"token\":\"t\"},{\"platform\":\"fcm\",\"tokn\":\"t\"}]}}",
                        400, "contacts.push[1].tokn"),
                bad("unknown webhook field", "PUT", recipient, webhook.formatted(Api.WEBHOOK_SECRET)
                        .replace("\"url\"", "\"sceret\":\"x\",\"url\""), 400, "contacts.webhook.sceret"),
                bad("unknown segment field", "PUT", "/v1/segments/known", "{\"match\":{\"tier\":[\"x\"]},\"mtach\":{}}",
                        400, "mtach"),
                bad("unknown incident field", "PUT", "/v1/incidents/INC-OK",
                        "{\"title\":\"t\",\"severity\":\"SEV1\",\"sevrity\":\"SEV1\"}", 400, "sevrity"),
                bad("unknown update field", "POST", "/v1/incidents/INC-OK/updates",
                        "{\"status\":\"resolved\",\"body\":\"b\",\"titel\":\"x\"}", 400, "titel"),
                bad("unknown audience field", "POST", broadcast, good.replace("\"segments\"", "\"segmnts\""), 400,
                        "audience.segmnts"),
                bad("unknown rate-limit field", "PUT", "/v1/admin/rate-limits/recipient",
                        "{\"capacity\":5,\"refillTokens\":5,\"refillPeriod\":\"PT1S\",\"burst\":9}", 400, "burst"),
                // webhook secrets
                bad("webhook secret 'whsec_' and nothing", "PUT", recipient, webhook.formatted("whsec_"), 400,
                        "contacts.webhook.secret"),
                bad("webhook secret of 6 decoded bytes", "PUT", recipient, webhook.formatted("whsec_c2VjcmV0"), 400,
                        "contacts.webhook.secret"),
                bad("webhook secret that is not base64", "PUT", recipient,
                        webhook.formatted("whsec_this is not base64 at all!!"), 400, "contacts.webhook.secret"),
                bad("plain webhook secret of 6 characters", "PUT", recipient, webhook.formatted("s3cret"), 400,
                        "contacts.webhook.secret"),
                // segments must select something
                bad("segment matching nothing in particular", "PUT", "/v1/segments/known", "{\"match\":{}}", 400,
                        "match"),
                bad("segment that is all and has keys", "PUT", "/v1/segments/known",
                        "{\"all\":true,\"match\":{\"tier\":[\"pro\"]}}", 400, "all"),
                // invalid UTF-8
                badBytes("incident title with invalid UTF-8", "PUT", "/v1/incidents/INC-OK",
                        bytes("{\"title\":\"caf", 0xC3, 0x28, "\",\"severity\":\"SEV3\"}"), 400, "title"),
                badBytes("update body with an overlong encoding", "POST", "/v1/incidents/INC-OK/updates",
                        bytes("{\"status\":\"resolved\",\"body\":\"", 0xC0, 0xAF, "\"}"), 400, "body"),
                badBytes("recipient email with a stray byte", "PUT", recipient,
                        bytes("{\"contacts\":{\"email\":\"ops", 0xFF, "@example.com\"}}"), 400, "contacts.email"),
                badBytes("segment name in a broadcast cut mid-character", "POST", broadcast,
                        bytes("{\"incidentId\":\"INC-OK\",\"audience\":{\"segments\":[\"kn", 0xE2, 0x82,
                                "\"]},\"channels\":[\"webhook\"]}"), 400, "audience.segments[0]"),
                // NDJSON import: the bad line alone is rejected
                importing("over-long NDJSON line among good lines", "imp-long-",
                        "{\"id\":\"imp-long-2\",\"tier\":\"" + "x".repeat(LINE_LIMIT) + "\"}",
                        "line longer than " + LINE_LIMIT + " bytes"),
                importing("NDJSON line with invalid UTF-8", "imp-utf8-",
                        bytes("{\"id\":\"imp-utf8-2\",\"tier\":\"caf", 0xC3, 0x28, "\"}"), "tier: is not valid UTF-8"),
                importing("NDJSON line with an unknown field", "imp-unknown-",
                        "{\"id\":\"imp-unknown-2\",\"contcts\":{}}", "contcts: unknown field"),
                importing("NDJSON line with a bad webhook secret", "imp-secret-",
                        "{\"id\":\"imp-secret-2\"," + webhook.formatted("whsec_").substring(1), "contacts.webhook.secret"),
                unauthorized("missing API key", null, 401),
                unauthorized("unknown API key", "Bearer not-a-key", 401),
                unauthorized("malformed Authorization header", "Basic abc", 401),
                unauthorized("key without the write scope", "Bearer " + READ_ONLY_KEY, 403));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedOrRejectedAloneAndChangesNothingElse(String name, Request request, Object expected)
            throws SQLException {
        Map<String, String> before = fingerprints();

        Api.Response response = api.send(request.method(), request.path(), request.contentType(), request.body(),
                request.authorization());

        if (expected instanceof Refused refused) {
            assertRefused(response, refused);
            assertThat(fingerprints()).as("no table changed").isEqualTo(before);
        } else {
            Imported imported = (Imported) expected;
            assertImported(response, imported);
            Map<String, String> after = fingerprints();
            for (String table : List.of("recipients", "audit_log")) {
                before.remove(table);
                after.remove(table);
            }
            assertThat(after).as("only recipients and the audit log changed").isEqualTo(before);
        }
    }

    /** Runs after the table: its broadcast writes deliveries, which the table's rows compare. */
    @Order(2)
    @Test
    void aSegmentOfEveryoneSaysSoAndReachesEveryRecipient() throws SQLException {
        try (Connection db = connect(); PreparedStatement legacy = db.prepareStatement("INSERT INTO recipients "
                + "(tenant_id, id, webhook_url, webhook_secret) VALUES ('default', 'legacy-secret', ?, 'whsec_')")) {
            legacy.setString(1, stack.sandbox().webhookUrl("legacy-secret")); // stored before secrets were checked
            legacy.executeUpdate();
        }
        Api.Response created = api.put("/v1/segments/everyone", Map.of("all", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()).containsEntry("all", true);
        long everyone = count("SELECT count(*) FROM recipients");
        assertThat(((Number) api.get("/v1/segments/everyone/size").json().get("recipients")).longValue())
                .isEqualTo(everyone);

        api.incidentWithUpdate("INC-EVERYONE", "SEV2", "identified", "to everyone");
        String id = api.broadcast("INC-EVERYONE", Map.of("segments", List.of("everyone")), List.of("webhook"));
        Map<String, Long> counts = Api.counts(api.awaitCompleted(id, Duration.ofMinutes(2)));

        assertThat(counts).containsEntry("targeted", everyone).containsEntry("sent", 1L)
                .as("the secret stored before the rule fails, instead of leaving the broadcast pending")
                .containsEntry("failed", 1L).containsEntry("suppressed", everyone - 2).containsEntry("pending", 0L);
        assertThat(stack.sandbox().messages("webhook").stream().filter(m -> "INC-EVERYONE".equals(m.incidentId())))
                .extracting(m -> m.recipient()).containsExactly("r-known");
    }

    private static void assertRefused(Api.Response response, Refused refused) {
        assertThat(response.status()).as(response.body()).isEqualTo(refused.status());
        assertThat(response.contentType()).startsWith("application/problem+json");
        Map<String, Object> problem = response.json();
        assertThat(problem).containsKeys("type", "title", "status", "detail").containsEntry("status", refused.status());
        if (refused.field() != null) {
            assertThat((List<?>) problem.get("errors")).as(response.body())
                    .anySatisfy(error -> assertThat(((Map<?, ?>) error).get("field")).isEqualTo(refused.field()));
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertImported(Api.Response response, Imported imported) throws SQLException {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).containsEntry("imported", 2).containsEntry("rejectedCount", 1);
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) response.json().get("rejected");
        assertThat(rejected).singleElement().satisfies(line -> {
            assertThat(line.get("line")).isEqualTo(2);
            assertThat((String) line.get("reason")).contains(imported.reason());
        });
        assertThat(ids(imported.idPrefix())).containsExactly(imported.idPrefix() + "1", imported.idPrefix() + "3");
    }

    private static Arguments bad(String name, String method, String path, String body, int status, String field) {
        return badBytes(name, method, path, body.getBytes(StandardCharsets.UTF_8), status, field);
    }

    private static Arguments badBytes(String name, String method, String path, byte[] body, int status, String field) {
        return Arguments.of(name, new Request(method, path, JSON, body, "Bearer " + KEY), new Refused(status, field));
    }

    private static Arguments importing(String name, String idPrefix, Object badLine, String reason) {
        byte[] body = bytes("{\"id\":\"" + idPrefix + "1\",\"tier\":\"imported\"}\n", badLine,
                "\n{\"id\":\"" + idPrefix + "3\",\"tier\":\"imported\"}\n");
        return Arguments.of(name, new Request("POST", "/v1/recipients:import", NDJSON, body, "Bearer " + KEY),
                new Imported(idPrefix, reason));
    }

    private static Arguments unauthorized(String name, String authorization, int status) {
        return Arguments.of(name, new Request("POST", "/v1/broadcasts", JSON, "{}".getBytes(StandardCharsets.UTF_8),
                authorization), new Refused(status, null));
    }

    /** Strings as UTF-8, byte arrays as they are, integers as single raw bytes. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else if (part instanceof byte[] raw) {
                out.writeBytes(raw);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** A digest of every row of each table, so a replaced row shows as well as an added one. */
    private static Map<String, String> fingerprints() throws SQLException {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection db = connect()) {
            for (String table : TABLES) {
                try (ResultSet rows = db.createStatement().executeQuery("SELECT count(*) || ':' || "
                        + "coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t")) {
                    rows.next();
                    digests.put(table, rows.getString(1));
                }
            }
        }
        return digests;
    }

    private static List<String> ids(String prefix) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "SELECT id FROM recipients WHERE starts_with(id, ?) ORDER BY id")) {
            query.setString(1, prefix);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return stack.postgresCoordinates().connect(namespace.database());
    }
}
