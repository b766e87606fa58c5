package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The status page under traffic, with two gateways on one database: requests are served from memory (no load from
 * PostgreSQL per request), a new version made through one gateway shows on the other without a restart, and the
 * per-address limit answers 429 with Retry-After.
 */
@ExtendWith(DevStackExtension.class)
class StatusPageCacheTest {
    private static final String ROOT_KEY = "status-cache-root-key";
    private static final Pattern LOADS = Pattern.compile("(?m)^clarion_statuspage_loads_total\\S* (\\S+)$");

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine writer;
    private static Engine reader;
    private static Api root;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("statuscache");
        writer = Engine.gatewayOnly(stack, namespace, 0, ROOT_KEY, StatusPageEndToEndTest.unlimited());
        reader = Engine.gatewayOnly(stack, namespace, 0, ROOT_KEY, StatusPageEndToEndTest.unlimited());
        root = new Api(writer.gatewayUrl(), ROOT_KEY);
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void aNewVersionMadeThroughOneGatewayShowsOnAnotherWithinAboutAPoll() {
        Api acme = StatusPageEndToEndTest.tenantWithAdminKey(root, "acme-two-gateways");
        StatusPageEndToEndTest.open(acme, "INC-X", "SEV2", List.of("api"), "investigating", "first version");
        StatusPageHttp elsewhere = new StatusPageHttp(reader.gatewayUrl());
        assertThat(elsewhere.body("/status/acme-two-gateways/api/v2/summary.json")).contains("first version");

        long posted = System.nanoTime();
        assertThat(acme.post("/v1/incidents/INC-X/updates", Map.of("status", "identified", "body", "second version"))
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(elsewhere.body("/status/acme-two-gateways/api/v2/summary.json")).contains("second version"));
        System.out.printf("status page: a new version showed on the other gateway after %d ms (poll interval 500 ms)%n",
                (System.nanoTime() - posted) / 1_000_000);
    }

    @Test
    void manyRequestsForAnUnchangedPageCostNoLoadFromTheDatabase() {
        StatusPageEndToEndTest.tenantWithAdminKey(root, "acme-quiet");
        StatusPageHttp visitor = new StatusPageHttp(reader.gatewayUrl());
        assertThat(visitor.get("/status/acme-quiet").status()).isEqualTo(200);
        assertThat(visitor.get("/status/no-such-quiet-tenant").status()).isEqualTo(404);
        double before = loads(reader);

        for (int i = 0; i < 200; i++) {
            assertThat(visitor.get(i % 2 == 0 ? "/status/acme-quiet" : "/status/acme-quiet/api/v2/summary.json").status())
                    .isEqualTo(200);
            assertThat(visitor.get("/status/no-such-quiet-tenant/history.atom").status()).isEqualTo(404);
        }

        assertThat(loads(reader)).as("loads of status pages from PostgreSQL during 400 requests").isEqualTo(before);
    }

    @Test
    void aClientOverItsLimitIsAnswered429WithRetryAfter() {
        Map<String, Object> tight = new HashMap<>(Map.of("clarion.status-page.rate-limit.requests-per-second", 1,
                "clarion.status-page.rate-limit.burst", 5));
        try (Engine limited = Engine.gatewayOnly(stack, namespace, 0, ROOT_KEY, tight)) {
            StatusPageEndToEndTest.tenantWithAdminKey(new Api(limited.gatewayUrl(), ROOT_KEY), "acme-limited");
            StatusPageHttp client = new StatusPageHttp(limited.gatewayUrl());
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("/status/acme-limited/api/v2/status.json").status()).as("request " + i).isEqualTo(200);
            }
            var refused = client.get("/status/acme-limited/api/v2/status.json");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("content-type")).contains("application/problem+json");
            assertThat(refused.header("retry-after")).matches("[1-9][0-9]*");
            assertThat(refused.body()).contains("rate-limited");
            var api = new Api(limited.gatewayUrl(), ROOT_KEY).get("/v1/components");
            assertThat(api.status()).as("the limit is the public routes' only").isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(client.get("/status/acme-limited/api/v2/status.json").status()).isEqualTo(200));
        }
    }

    private static double loads(Engine engine) {
        String scrape = new StatusPageHttp(engine.managementUrl()).body("/actuator/prometheus");
        Matcher matcher = LOADS.matcher(scrape);
        assertThat(matcher.find()).as("clarion_statuspage_loads_total in the scrape").isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
