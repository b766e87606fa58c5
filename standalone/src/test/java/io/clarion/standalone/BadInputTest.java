package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.digest.Sha256;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed requests get the documented 4xx as problem+json, naming the field, and write nothing. */
@ExtendWith(DevStackExtension.class)
class BadInputTest {
    private static final String KEY = "bad-input-key";
    private static final String READ_ONLY_KEY = "read-only-key";
    private static final List<String> TABLES = List.of("recipients", "segments", "incidents", "incident_updates",
            "broadcasts", "idempotency_keys", "outbox", "deliveries", "audit_log");

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api api;

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

    static Stream<Arguments> malformedRequests() {
        String broadcast = "/v1/broadcasts";
        String good = "{\"incidentId\":\"INC-OK\",\"audience\":{\"segments\":[\"known\"]},\"channels\":[\"webhook\"]}";
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
                unauthorized("missing API key", null, 401),
                unauthorized("unknown API key", "Bearer not-a-key", 401),
                unauthorized("malformed Authorization header", "Basic abc", 401),
                unauthorized("key without the write scope", "Bearer " + READ_ONLY_KEY, 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void isRefusedWithAProblemAndChangesNothing(String name, String method, String path, String body,
                                                String authorization, int status, String field) throws SQLException {
        Map<String, Long> before = rowCounts();

        Api.Response response = api.send(method, path, body, authorization);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Map<String, Object> problem = response.json();
        assertThat(problem).containsKeys("type", "title", "status", "detail").containsEntry("status", status);
        if (field != null) {
            assertThat((List<?>) problem.get("errors")).as(response.body())
                    .anySatisfy(error -> assertThat(((Map<?, ?>) error).get("field")).isEqualTo(field));
        }
        assertThat(rowCounts()).isEqualTo(before);
    }

    private static Arguments bad(String name, String method, String path, String body, int status, String field) {
        return Arguments.of(name, method, path, body, "Bearer " + KEY, status, field);
    }

    private static Arguments unauthorized(String name, String authorization, int status) {
        return Arguments.of(name, "POST", "/v1/broadcasts", "{}", authorization, status, null);
    }

    private static Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = connect()) {
            for (String table : TABLES) {
                try (ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    private static Connection connect() throws SQLException {
        return stack.postgresCoordinates().connect(namespace.database());
    }
}
