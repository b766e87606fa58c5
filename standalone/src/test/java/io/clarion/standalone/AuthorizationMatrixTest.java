package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every mapped route × every kind of caller that must be refused × every spelling of its path, against a
 * real gateway on real PostgreSQL, over a raw socket (so paths reach the gateway exactly as written).
 * The routes come from the gateway's own request mapping, so a new route fails this test until it is in
 * {@link #ROUTES}. For each cell: no 2xx where a refusal is due, and nothing stored by any refused request
 * (every table's content is fingerprinted before and after). It runs twice: with the gateway's
 * non-canonical-path filter on (the default), and off, to show that authorization holds on the matched
 * route by itself.
 */
@ExtendWith(DevStackExtension.class)
class AuthorizationMatrixTest {
    private static final String ROOT_KEY = "matrix-root-key";
    private static final String RECIPIENT = "{\"contacts\":{\"email\":\"a@example.com\"}}";
    private static final String INCIDENT = "{\"title\":\"t\",\"severity\":\"SEV3\"}";
    private static final String BLACKOUT = "{\"audience\":{\"segments\":[\"seg\"]},"
            + "\"window\":{\"dailyFrom\":\"22:00\",\"dailyTo\":\"07:00\"}}";
    private static final String TABLES = "tenants, api_keys, recipients, segments, incidents, incident_updates, "
            + "broadcasts, idempotency_keys, outbox, deliveries, unusable_contacts, rate_limits, audit_log, components, "
            + "tenant_settings, subscribers, templates, playbooks, ingested_events, blackouts, deferred_deliveries, outreach";

    private static DevStack stack;
    private static Namespace namespace;
    private static String broadcastId;
    private static String pendingId;
    private static String keyId;
    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    /** A concrete path (below {@code /v1}) and a body that would succeed for tenant A's admin/operator key. */
    private record Route(String method, String pattern, String path, String body) {
    }

    private static List<Route> ROUTES;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("authz");
        try (Engine engine = Engine.start(stack, namespace, 0, ROOT_KEY, Map.of())) {
            Api root = new Api(engine.gatewayUrl(), ROOT_KEY);
            assertThat(root.post("/v1/admin/tenants", Map.of("id", "tenant-b", "name", "B")).status()).isEqualTo(201);
            KEYS.put("read", key(root, "reader", "default", List.of("read"), null));
            KEYS.put("approve", key(root, "approver", "default", List.of("approve"), null));
            KEYS.put("admin", key(root, "admin", "default", List.of("admin"), null));
            KEYS.put("tenant-b", key(root, "b-admin", "tenant-b", List.of("admin", "read", "write", "approve"), null));
            KEYS.put("expired", key(root, "expired", "default", List.of("admin", "operator"),
                    Instant.now().plusSeconds(3600).toString()));
            expire("expired");
            String revoked = key(root, "revoked", "default", List.of("admin", "operator"), null);
            keyId = keyIdOf(root, "revoked");
            assertThat(root.send("DELETE", "/v1/admin/api-keys/" + keyId, null, "Bearer " + ROOT_KEY).status())
                    .isEqualTo(204);
            KEYS.put("revoked", revoked);
            assertThat(root.put("/v1/recipients/r-a", RECIPIENT).status()).isEqualTo(201);
            assertThat(root.put("/v1/segments/seg", "{\"match\":{\"tier\":[\"pro\"]}}").status()).isEqualTo(201);
            root.incidentWithUpdate("INC-A", "SEV3", "investigating", "b");
            assertThat(root.put("/v1/playbooks/pb", "{\"channels\":[\"email\"],\"audience\":{\"segments\":[\"seg\"]}}")
                    .status()).isEqualTo(201);
            assertThat(root.put("/v1/blackouts/bo", BLACKOUT).status()).isEqualTo(201);
            broadcastId = root.broadcast("INC-A", List.of("r-a"), List.of("email"));
            assertThat(root.put("/v1/recipients/r-top", "{\"tier\":\"enterprise\",\"contacts\":{\"email\":\"t@example.com\"}}")
                    .status()).isEqualTo(201);
            var outreach = root.post("/v1/broadcasts", Map.of("incidentId", "INC-A", "audience",
                    Map.of("recipients", List.of("r-top")), "channels", List.of("email"),
                    "outreach", Map.of("tiers", List.of("enterprise"))));
            assertThat(outreach.status()).as(outreach.body()).isEqualTo(202);
            var pending = root.post("/v1/broadcasts", Map.of("incidentId", "INC-A", "audience",
                    Map.of("recipients", List.of("r-a")), "channels", List.of("email"), "approval", Map.of("required", true)));
            assertThat(pending.json().get("status")).as(pending.body()).isEqualTo("pending-approval");
            pendingId = (String) pending.json().get("id");
        }
        ROUTES = List.of(
                new Route("PUT", "/v1/recipients/{id}", "/recipients/r-a", RECIPIENT),
                new Route("GET", "/v1/recipients/{id}", "/recipients/r-a", null),
                new Route("DELETE", "/v1/recipients/{id}", "/recipients/r-a", null),
                new Route("POST", "/v1/recipients:import", "/recipients:import", "{\"id\":\"r-new\"}"),
                new Route("PUT", "/v1/segments/{name}", "/segments/seg", "{\"match\":{\"tier\":[\"free\"]}}"),
                new Route("GET", "/v1/segments/{name}/size", "/segments/seg/size", null),
                new Route("PUT", "/v1/incidents/{id}", "/incidents/INC-A", INCIDENT),
                new Route("POST", "/v1/incidents/{id}/updates", "/incidents/INC-A/updates",
                        "{\"status\":\"identified\",\"body\":\"x\"}"),
                new Route("GET", "/v1/incidents/{id}", "/incidents/INC-A", null),
                new Route("GET", "/v1/incidents/{id}/timeline", "/incidents/INC-A/timeline", null),
                new Route("GET", "/v1/incidents/{id}/outreach", "/incidents/INC-A/outreach", null),
                new Route("POST", "/v1/incidents/{id}/outreach/{recipientId}:done", "/incidents/INC-A/outreach/r-top:done",
                        null),
                new Route("GET", "/v1/kpis", "/kpis", null),
                new Route("GET", "/v1/stream", "/stream", null),
                new Route("POST", "/v1/broadcasts", "/broadcasts",
                        "{\"incidentId\":\"INC-A\",\"audience\":{\"recipients\":[\"r-a\"]},\"channels\":[\"email\"]}"),
                new Route("GET", "/v1/broadcasts/{id}", "/broadcasts/" + broadcastId, null),
                new Route("POST", "/v1/broadcasts:preview", "/broadcasts:preview",
                        "{\"incidentId\":\"INC-A\",\"audience\":{\"recipients\":[\"r-a\"]},\"channels\":[\"email\"]}"),
                new Route("GET", "/v1/broadcasts/{id}/preview", "/broadcasts/" + broadcastId + "/preview", null),
                new Route("POST", "/v1/broadcasts/{id}:approve", "/broadcasts/" + pendingId + ":approve", null),
                new Route("POST", "/v1/broadcasts/{id}:reject", "/broadcasts/" + pendingId + ":reject",
                        "{\"reason\":\"no\"}"),
                new Route("GET", "/v1/admin/rate-limits", "/admin/rate-limits", null),
                new Route("GET", "/v1/admin/rate-limits/{bucket}", "/admin/rate-limits/provider:email:default", null),
                new Route("PUT", "/v1/admin/rate-limits/{bucket}", "/admin/rate-limits/provider:email:default",
                        "{\"capacity\":10,\"refillTokens\":10,\"refillPeriod\":\"PT1S\"}"),
                new Route("POST", "/v1/admin/tenants", "/admin/tenants", "{\"id\":\"tenant-c\",\"name\":\"C\"}"),
                new Route("POST", "/v1/admin/api-keys", "/admin/api-keys",
                        "{\"name\":\"another\",\"scopes\":[\"read\"]}"),
                new Route("GET", "/v1/admin/api-keys", "/admin/api-keys", null),
                new Route("DELETE", "/v1/admin/api-keys/{id}", "/admin/api-keys/" + keyId, null),
                new Route("GET", "/v1/settings", "/settings", null),
                new Route("PUT", "/v1/settings", "/settings", "{\"defaultLocale\":\"de\"}"),
                new Route("PUT", "/v1/templates/{name}/locales/{locale}", "/templates/outage/locales/de",
                        "{\"sms\":{\"text\":\"{{incident.title}}: {{update.body}}\"}}"),
                new Route("GET", "/v1/templates/{name}", "/templates/outage", null),
                new Route("POST", "/v1/templates/{name}:render", "/templates/outage:render",
                        "{\"incidentId\":\"INC-A\",\"version\":1,\"recipientId\":\"r-a\"}"),
                new Route("PUT", "/v1/components/{id}", "/components/api",
                        "{\"name\":\"API\",\"service\":\"api\",\"group\":\"Core\"}"),
                new Route("GET", "/v1/components", "/components", null),
                new Route("PUT", "/v1/playbooks/{name}", "/playbooks/pb",
                        "{\"channels\":[\"email\"],\"audience\":{\"segments\":[\"seg\"]}}"),
                new Route("GET", "/v1/playbooks/{name}", "/playbooks/pb", null),
                new Route("PUT", "/v1/blackouts/{name}", "/blackouts/bo", BLACKOUT),
                new Route("GET", "/v1/blackouts", "/blackouts", null),
                new Route("DELETE", "/v1/blackouts/{name}", "/blackouts/bo", null),
                new Route("POST", "/v1/ingest/alertmanager", "/ingest/alertmanager", "{\"version\":\"4\","
                        + "\"groupKey\":\"g\",\"status\":\"firing\",\"commonLabels\":{\"severity\":\"warning\"},"
                        + "\"alerts\":[]}"));
    }

    /** Routes anyone may call without a key; every other mapped route must be in {@link #ROUTES}. */
    private static final Set<String> PUBLIC = Set.of("GET /v1/openapi.yaml", "GET /dashboard", "POST /v1/ingest/pagerduty/{tenant}",
            "GET /status/{tenant}", "GET /status/{tenant}/api/v2/summary.json", "GET /status/{tenant}/api/v2/status.json",
            "GET /status/{tenant}/api/v2/components.json", "GET /status/{tenant}/api/v2/incidents.json",
            "GET /status/{tenant}/api/v2/incidents/unresolved.json", "GET /status/{tenant}/history.atom",
            "GET /status/{tenant}/subscribe", "POST /status/{tenant}/subscribers",
            "GET /status/{tenant}/subscribers/confirm", "GET /status/{tenant}/subscribers/unsubscribe",
            "POST /status/{tenant}/subscribers/unsubscribe");

    /** Reads of the caller's own tenant as a whole: tenant B gets its own (empty) answer, never A's objects. */
    private static final Set<String> OWN_TENANT_VIEWS = Set.of("GET /v1/kpis", "GET /v1/stream");

    @Test
    void everyMappedRouteIsInTheMatrix() {
        try (Engine engine = Engine.gatewayOnly(stack, namespace, 0, ROOT_KEY, Map.of())) {
            Set<String> mapped = mappedRoutes(engine);
            Set<String> covered = new TreeSet<>(PUBLIC);
            ROUTES.forEach(route -> covered.add(route.method() + " " + route.pattern()));
            assertThat(covered).as("routes in the matrix (and public ones) = routes the gateway maps")
                    .containsExactlyInAnyOrderElementsOf(mapped);
        }
    }

    @ParameterizedTest(name = "non-canonical paths refused by the filter: {0}")
    @ValueSource(booleans = {true, false})
    void noRefusedCallerSucceedsOnAnyRouteInAnyPathSpellingAndNothingIsStored(boolean refuseNonCanonical)
            throws SQLException {
        try (Engine engine = Engine.gatewayOnly(stack, namespace, 0, ROOT_KEY,
                Map.of("clarion.http.refuse-non-canonical-paths", refuseNonCanonical))) {
            int port = engine.gatewayPort();
            String before = fingerprint();
            List<String> leaks = new ArrayList<>();
            int cells = 0;
            for (Route route : ROUTES) {
                for (Map.Entry<String, String> caller : refusedCallers(route).entrySet()) {
                    for (String path : spellings(route.path())) {
                        cells++;
                        var answer = RawHttp.send(port, route.method(), path, caller.getValue(), route.body());
                        if (answer.status() < 300 || answer.status() >= 500) {
                            leaks.add(route.method() + " " + path + " as " + caller.getKey() + " -> " + answer.status()
                                    + " " + answer.body());
                        }
                    }
                }
            }
            assertThat(leaks).as("requests that were not refused (of " + cells + ")").isEmpty();
            assertThat(fingerprint()).as("database content after every refused request").isEqualTo(before);
            System.out.printf("authorization matrix (non-canonical filter %s): %d routes, %d cells, 0 successes%n",
                    refuseNonCanonical ? "on" : "off", ROUTES.size(), cells);
        }
    }

    @Test
    void canonicalPathsWithTheRightKeyStillWork() {
        try (Engine engine = Engine.gatewayOnly(stack, namespace, 0, ROOT_KEY, Map.of())) {
            var answer = RawHttp.send(engine.gatewayPort(), "GET", "/v1/incidents/INC-A", "Bearer " + KEYS.get("read"),
                    null);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("INC-A");
            var encoded = RawHttp.send(engine.gatewayPort(), "GET", "/%761/incidents/INC-A",
                    "Bearer " + KEYS.get("read"), null);
            assertThat(encoded.status()).isEqualTo(400);
            assertThat(encoded.head()).containsIgnoringCase("application/problem+json");
        }
    }

    /** Who must be refused on this route: nobody, strangers, dead keys, keys without its scope, tenant B. */
    private static Map<String, String> refusedCallers(Route route) {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("no key", null);
        callers.put("unknown key", "Bearer clarion_unknown");
        callers.put("malformed header", "Basic " + ROOT_KEY);
        callers.put("revoked key", "Bearer " + KEYS.get("revoked"));
        callers.put("expired key", "Bearer " + KEYS.get("expired"));
        callers.put("missing scope", "Bearer " + KEYS.get(lackingKey(route)));
        if (route.pattern().equals("/v1/admin/api-keys") || route.pattern().equals("/v1/settings")) {
            return callers; // tenant B's own keys and settings: TenancyTest checks it sees none of A's
        }
        if (route.method().equals("GET") && route.pattern().equals("/v1/components")) {
            return callers; // tenant B lists its own components: StatusPageEndToEndTest checks tenants never meet
        }
        if (route.method().equals("GET") && route.pattern().equals("/v1/blackouts")) {
            return callers; // tenant B lists its own blackouts: BlackoutEndToEndTest checks it sees none of A's
        }
        if (OWN_TENANT_VIEWS.contains(route.method() + " " + route.pattern())) {
            return callers; // LiveDashboardTest checks tenant B's stream and KPIs show none of A's
        }
        if (!isTenantScoped(route)) {
            callers.put("another tenant's admin", "Bearer " + KEYS.get("tenant-b"));
        } else if (route.body() == null || route.method().equals("DELETE") || route.path().contains("/updates")
                || route.path().startsWith("/broadcasts")) {
            // reads, erasure and changes of tenant A's existing objects: tenant B must get 404 (checked below)
            callers.put("another tenant's key", "Bearer " + KEYS.get("tenant-b"));
        }
        return callers;
    }

    private static boolean isTenantScoped(Route route) {
        return !route.path().startsWith("/admin/rate-limits") && !route.path().startsWith("/admin/tenants");
    }

    /** A key that holds none of the scopes the route needs. */
    private static String lackingKey(Route route) {
        if (route.path().startsWith("/admin/rate-limits") || route.path().startsWith("/admin/tenants")) {
            return "admin";
        }
        if (route.path().startsWith("/admin/") || route.path().startsWith("/settings")) {
            return "read";
        }
        return route.method().equals("GET") ? "approve" : "read";
    }

    /** The path as written plainly and in every other spelling that routing might treat as the same path. */
    private static List<String> spellings(String below) {
        String first = below.substring(1, 2);
        String rest = below.substring(2);
        return List.of(
                "/v1" + below,
                "/%761" + below,
                "/%56%31" + below,
                "/v1;x=1" + below,
                "/v1" + below + ";x=1",
                "//v1" + below,
                "/v1/" + below,
                "/./v1" + below,
                "/v1/." + below,
                "/v1/%2e" + below,
                "/x/../v1" + below,
                "/v1%2F" + below.substring(1),
                "/V1" + below,
                "/v1/" + String.format("%%%02x", (int) first.charAt(0)) + rest,
                "/v1/" + String.format("%%%02X", (int) first.charAt(0)) + rest);
    }

    private static Set<String> mappedRoutes(Engine engine) {
        var mapping = engine.gatewayBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (var method : info.getMethodsCondition().getMethods()) {
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    routes.add(method.name() + " " + pattern.getPatternString());
                }
            }
        }
        return routes;
    }

    /** Every table's rows, hashed; {@code last_used_at} is left out (a refused key is still a used key). */
    private static String fingerprint() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            for (String table : TABLES.split(", ")) {
                String row = table.equals("api_keys") ? "(id, tenant_id, name, key_hash, scopes, revoked_at)" : "t";
                try (ResultSet rs = statement.executeQuery("SELECT count(*), md5(coalesce(string_agg(" + row
                        + "::text, '|' ORDER BY " + row + "::text), '')) FROM " + table + " t")) {
                    rs.next();
                    all.append(table).append('=').append(rs.getLong(1)).append(':').append(rs.getString(2)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private static String key(Api root, String name, String tenant, List<String> scopes, String expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "tenant", tenant, "scopes", scopes));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        var created = root.post("/v1/admin/api-keys", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }

    @SuppressWarnings("unchecked")
    private static String keyIdOf(Api root, String name) {
        var keys = (List<Map<String, Object>>) root.get("/v1/admin/api-keys").json().get("keys");
        return keys.stream().filter(k -> name.equals(k.get("name"))).map(k -> (String) k.get("id")).findFirst()
                .orElseThrow();
    }

    /** Moves a key's expiry into the past (the API refuses to create a key that is already expired). */
    private static void expire(String name) {
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE api_keys SET expires_at = now() - interval '1 minute' "
                    + "WHERE name = '" + name + "'")).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        var postgres = stack.postgresCoordinates();
        return DriverManager.getConnection(postgres.jdbcUrl(namespace.database()), postgres.user(), postgres.password());
    }

    @AfterAll
    static void done() {
        KEYS.clear();
    }
}
