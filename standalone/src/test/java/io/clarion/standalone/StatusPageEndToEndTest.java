package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public status page over HTTP on the real stack, as third-party clients read it: Statuspage-shaped JSON
 * checked against a JSON schema written from Atlassian's public API documentation, the Atom feed read by ROME,
 * ETag and Last-Modified round trips, and what must never show (private incidents, other tenants' incidents).
 */
@ExtendWith(DevStackExtension.class)
class StatusPageEndToEndTest {
    private static final String ROOT_KEY = "status-root-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> DOCUMENTS = List.of("", "/api/v2/summary.json", "/api/v2/status.json",
            "/api/v2/components.json", "/api/v2/incidents.json", "/api/v2/incidents/unresolved.json", "/history.atom");

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api root;
    private static StatusPageHttp visitor;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("statuspage");
        engine = Engine.gatewayOnly(stack, namespace, 0, ROOT_KEY, unlimited());
        root = new Api(engine.gatewayUrl(), ROOT_KEY);
        visitor = new StatusPageHttp(engine.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    /** The rate limit is tested on its own gateway; here one test client makes many requests. */
    static Map<String, Object> unlimited() {
        return Map.of("clarion.status-page.rate-limit.requests-per-second", 100_000,
                "clarion.status-page.rate-limit.burst", 100_000);
    }

    @Test
    void everyJsonDocumentHasTheStatuspageShapeAndSaysWhatIsWrong() {
        Api acme = tenantWithAdminKey("acme-json");
        assertThat(acme.put("/v1/components/api", Map.of("name", "API", "service", "api", "group", "Core")).status())
                .isEqualTo(201);
        assertThat(acme.put("/v1/components/web", Map.of("name", "Dashboard", "service", "web", "group", "Core")).status())
                .isEqualTo(201);
        assertThat(acme.put("/v1/components/mail", Map.of("name", "Email", "service", "mail",
                "status", "under_maintenance")).status()).isEqualTo(201);
        open(acme, "INC-API", "SEV2", List.of("api"), "investigating", "Elevated errors on the API.");
        assertThat(acme.post("/v1/incidents/INC-API/updates", Map.of("status", "identified",
                "body", "A bad deploy; rolling back.")).status()).isEqualTo(201);
        open(acme, "INC-OLD", "SEV1", List.of("web"), "investigating", "Dashboard down.");
        assertThat(acme.post("/v1/incidents/INC-OLD/updates", Map.of("status", "resolved", "body", "Fixed.")).status())
                .isEqualTo(201);

        String page = "/status/acme-json";
        assertValid("summary", visitor.body(page + "/api/v2/summary.json"));
        assertValid("statusDocument", visitor.body(page + "/api/v2/status.json"));
        assertValid("componentsDocument", visitor.body(page + "/api/v2/components.json"));
        assertValid("incidentsDocument", visitor.body(page + "/api/v2/incidents.json"));
        assertValid("unresolvedDocument", visitor.body(page + "/api/v2/incidents/unresolved.json"));

        JsonNode summary = JSON.readTree(visitor.body(page + "/api/v2/summary.json"));
        assertThat(summary.at("/page/id").asString()).isEqualTo("acme-json");
        assertThat(summary.at("/status/indicator").asString()).as("a SEV2 is open").isEqualTo("major");
        assertThat(summary.at("/incidents")).singleElement().satisfies(incident -> {
            assertThat(incident.at("/id").asString()).isEqualTo("INC-API");
            assertThat(incident.at("/impact").asString()).isEqualTo("major");
            assertThat(incident.at("/status").asString()).isEqualTo("identified");
            assertThat(incident.at("/incident_updates/0/body").asString()).as("newest first")
                    .isEqualTo("A bad deploy; rolling back.");
            assertThat(incident.at("/incident_updates/1/body").asString()).isEqualTo("Elevated errors on the API.");
        });
        assertThat(statuses(summary)).containsEntry("api", "partial_outage").containsEntry("web", "operational")
                .containsEntry("mail", "under_maintenance").containsEntry("group:Core", "partial_outage");
        JsonNode incidents = JSON.readTree(visitor.body(page + "/api/v2/incidents.json"));
        assertThat(incidents.at("/incidents")).extracting(i -> i.at("/id").asString()).containsExactly("INC-OLD", "INC-API");
        assertThat(incidents.at("/incidents/0/impact").asString()).isEqualTo("critical");
        assertThat(incidents.at("/incidents/0/resolved_at").isNull()).isFalse();

        var components = acme.get("/v1/components").json();
        assertThat(components.toString()).contains("statusSource=derived").contains("statusSource=manual");
        var refused = acme.put("/v1/components/bad", Map.of("name", "x", "service", "api", "status", "down"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"status\"").contains("major_outage");
    }

    @Test
    void theAtomFeedParsesWithAFeedLibraryNewestFirst() throws Exception {
        Api acme = tenantWithAdminKey("acme-atom");
        open(acme, "INC-FEED", "SEV3", List.of("api"), "investigating", "Slow searches & <b>odd</b> results.");
        assertThat(acme.post("/v1/incidents/INC-FEED/updates", Map.of("status", "monitoring", "body", "Index rebuilt."))
                .status()).isEqualTo(201);

        var answer = visitor.get("/status/acme-atom/history.atom");
        assertThat(answer.header("content-type")).startsWith("application/atom+xml");
        SyndFeed feed = new SyndFeedInput().build(new StringReader(answer.body()));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Trouble: INC-FEED - monitoring", "Trouble: INC-FEED - investigating");
        assertThat(feed.getEntries().get(1).getContents().get(0).getValue())
                .isEqualTo("Slow searches & <b>odd</b> results.");
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri).doesNotHaveDuplicates()
                .allSatisfy(uri -> assertThat(uri).startsWith("tag:"));
    }

    @Test
    void aMatchingETagOrDateAnswers304AndANewVersionChangesTheETag() {
        Api acme = tenantWithAdminKey("acme-etag");
        open(acme, "INC-E", "SEV2", List.of("api"), "investigating", "version one");
        for (String document : DOCUMENTS) {
            String path = "/status/acme-etag" + document;
            var first = visitor.get(path);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("cache-control")).contains("max-age=5").contains("stale-while-revalidate=30");
            String etag = first.header("etag");
            assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]{22}\"");
            var revalidated = visitor.get(path, "If-None-Match", etag);
            assertThat(revalidated.status()).as(path).isEqualTo(304);
            assertThat(revalidated.body()).isEmpty();
            assertThat(visitor.get(path, "If-Modified-Since", first.header("last-modified")).status()).isEqualTo(304);
        }
        String summary = "/status/acme-etag/api/v2/summary.json";
        String before = visitor.get(summary).header("etag");

        assertThat(acme.post("/v1/incidents/INC-E/updates", Map.of("status", "identified", "body", "version two"))
                .status()).isEqualTo(201);

        var after = visitor.get(summary, "If-None-Match", before);
        assertThat(after.status()).as("the writing gateway shows the new version at once").isEqualTo(200);
        assertThat(after.header("etag")).isNotEqualTo(before);
        assertThat(after.body()).contains("version two");
        var again = visitor.get(summary);
        assertThat(visitor.get(summary, "If-Modified-Since", again.header("last-modified")).status()).isEqualTo(304);
    }

    @Test
    void aPrivateIncidentNeverAppearsAndPublishingIsExplicit() {
        Api acme = tenantWithAdminKey("acme-private");
        assertThat(acme.put("/v1/components/api", Map.of("name", "API", "service", "api")).status()).isEqualTo(201);
        assertThat(acme.put("/v1/incidents/INC-SECRET", Map.of("title", "Customer data exposure", "severity", "SEV1",
                "services", List.of("api"), "public", false)).status()).isEqualTo(201);
        assertThat(acme.post("/v1/incidents/INC-SECRET/updates", Map.of("status", "investigating",
                "body", "secret-marker: forensics under way")).status()).isEqualTo(201);
        assertThat(acme.get("/v1/incidents/INC-SECRET").json()).containsEntry("public", false);
        assertNothingShows("acme-private", "INC-SECRET", "secret-marker", "Customer data exposure");
        assertThat(JSON.readTree(visitor.body("/status/acme-private/api/v2/components.json")).at("/components/0/status")
                .asString()).as("a private incident does not move a component").isEqualTo("operational");

        assertThat(acme.put("/v1/incidents/INC-SECRET", Map.of("title", "Customer data exposure", "severity", "SEV1",
                "services", List.of("api"))).status()).isEqualTo(200);
        assertThat(acme.get("/v1/incidents/INC-SECRET").json()).as("re-sent without the field: still private")
                .containsEntry("public", false);
        assertNothingShows("acme-private", "INC-SECRET", "secret-marker", "Customer data exposure");

        assertThat(acme.put("/v1/incidents/INC-SECRET", Map.of("title", "Customer data exposure", "severity", "SEV1",
                "services", List.of("api"), "public", true)).status()).isEqualTo(200);
        assertThat(visitor.body("/status/acme-private/api/v2/summary.json")).contains("INC-SECRET").contains("secret-marker");
        assertThat(acme.put("/v1/incidents/INC-SECRET", Map.of("title", "Customer data exposure", "severity", "SEV1",
                "services", List.of("api"), "public", false)).status()).isEqualTo(200);
        assertNothingShows("acme-private", "INC-SECRET", "secret-marker", "Customer data exposure");
    }

    @Test
    void anotherTenantsIncidentsNeverAppearAndAnUnknownTenantIs404() {
        Api acme = tenantWithAdminKey("acme-own");
        Api globex = tenantWithAdminKey("globex-own");
        open(acme, "INC-SAME", "SEV2", List.of("api"), "investigating", "acme-marker");
        open(globex, "INC-SAME", "SEV1", List.of("api"), "investigating", "globex-marker");
        assertThat(globex.put("/v1/components/globex-only", Map.of("name", "Globex widget", "service", "api")).status())
                .isEqualTo(201);
        assertThat(visitor.body("/status/acme-own/api/v2/summary.json")).contains("acme-marker");
        assertNothingShows("acme-own", "globex-only", "globex-marker", "Globex widget");
        assertNothingShows("globex-own", "acme-only", "acme-marker", "acme-own");

        for (String path : List.of("/status/no-such-tenant", "/status/no-such-tenant/api/v2/summary.json",
                "/status/Not_A_Tenant/history.atom")) {
            var missing = visitor.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.header("content-type")).contains("application/problem+json");
        }
    }

    @Test
    void theHtmlPageIsCompleteWithoutJavaScriptAndEscapesWhatItShows() {
        Api acme = tenantWithAdminKey("acme-html");
        assertThat(acme.put("/v1/components/api", Map.of("name", "Public API", "service", "api", "group", "Core")).status())
                .isEqualTo(201);
        open(acme, "INC-H", "SEV1", List.of("api"), "investigating", "Errors <script>alert(1)</script> on the API");

        var page = visitor.get("/status/acme-html");
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.header("content-security-policy")).contains("script-src 'sha256-").doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("<html lang=\"en\">", "name=\"viewport\"", "<main id=\"main\"", "<h1>",
                        "Major Service Outage", "id=\"incident-INC-H\"", "Public API", "Major outage",
                        "Errors &lt;script&gt;alert(1)&lt;/script&gt; on the API")
                .doesNotContain("<script>alert(1)");
    }

    private static void assertNothingShows(String tenant, String... secrets) {
        for (String document : DOCUMENTS) {
            String body = visitor.body("/status/" + tenant + document);
            for (String secret : secrets) {
                assertThat(body).as(tenant + document).doesNotContain(secret);
            }
        }
    }

    private static Map<String, String> statuses(JsonNode document) {
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        document.at("/components").forEach(c -> statuses.put(c.at("/id").asString(), c.at("/status").asString()));
        return statuses;
    }

    static void open(Api tenant, String incident, String severity, List<String> services, String status, String body) {
        var put = tenant.put("/v1/incidents/" + incident, Map.of("title", "Trouble: " + incident, "severity", severity,
                "services", services));
        assertThat(put.status()).as(put.body()).isIn(200, 201);
        var update = tenant.post("/v1/incidents/" + incident + "/updates", Map.of("status", status, "body", body));
        assertThat(update.status()).as(update.body()).isEqualTo(201);
    }

    static Api tenantWithAdminKey(String tenant) {
        return tenantWithAdminKey(root, tenant);
    }

    static Api tenantWithAdminKey(Api root, String tenant) {
        assertThat(root.post("/v1/admin/tenants", Map.of("id", tenant, "name", tenant + " Inc.")).status()).isEqualTo(201);
        var created = root.post("/v1/admin/api-keys", Map.of("name", "admin", "tenant", tenant, "scopes", List.of("admin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return root.withKey((String) created.json().get("key"));
    }

    /** Validates a document against one definition of the Statuspage API v2 schema (test resources). */
    static void assertValid(String definition, String document) {
        try (InputStream in = StatusPageEndToEndTest.class.getResourceAsStream("/statuspage/statuspage-api-v2.schema.json")) {
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            schema.put("$ref", "#/$defs/" + definition);
            Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(JSON.writeValueAsString(schema), InputFormat.JSON);
            assertThat(validator.validate(document, InputFormat.JSON)).as(definition + ": " + document).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
