package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.process.LoopbackPorts;
import io.clarion.devstack.process.WorkDirs;
import io.clarion.devstack.sandbox.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * After real traffic (a broadcast on every channel, and a webhook the sandbox throttles), the engine's scrapes
 * hold the metrics catalogue with low-cardinality tags only, and a real Prometheus server (Debian's
 * {@code prometheus} package, which {@code .ci/run} installs) scraping the running engine answers every query
 * of the Grafana dashboard and finds a series for every metric selector of the alert rules.
 */
@ExtendWith(DevStackExtension.class)
class ObservabilityEndToEndTest {
    private static final String KEY = "observability-test-key";
    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path DASHBOARD = REPOSITORY.resolve("deploy/grafana/clarion.json");
    private static final Path ALERTS = REPOSITORY.resolve("deploy/prometheus/alerts.yml");
    private static final Pattern SELECTOR = Pattern.compile(
            "\\b(clarion_[a-z0-9_]+|http_server_requests_seconds_[a-z]+)\\b(\\{[^}]*})?");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every metric and the tags it may carry ({@code application} and a histogram's {@code le} aside). */
    private static final Map<String, Set<String>> CATALOGUE = Map.ofEntries(
            Map.entry("clarion_deliveries_total", Set.of("channel", "outcome")),
            Map.entry("clarion_delivery_retries_total", Set.of("channel", "result")),
            Map.entry("clarion_provider_calls_seconds_bucket", Set.of("channel", "account", "outcome")),
            Map.entry("clarion_provider_in_flight", Set.of("channel")),
            Map.entry("clarion_breaker_state", Set.of("account", "state")),
            Map.entry("clarion_ratelimit_wait_seconds_bucket", Set.of("kind")),
            Map.entry("clarion_ratelimit_deferrals_total", Set.of("kind")),
            Map.entry("clarion_kafka_pending_commits", Set.of("topic", "group")),
            Map.entry("clarion_kafka_consumer_paused", Set.of("topic", "group")),
            Map.entry("clarion_kafka_consumer_lag", Set.of("topic", "group")),
            Map.entry("clarion_dead_letters_total", Set.of("source")),
            Map.entry("clarion_retry_waiting", Set.of()),
            Map.entry("clarion_retry_next_due_seconds", Set.of()),
            Map.entry("clarion_broadcast_first_sent_seconds_bucket", Set.of("severity")),
            Map.entry("clarion_broadcast_completed_seconds_bucket", Set.of("severity")),
            Map.entry("clarion_expansion_deliveries_total", Set.of()),
            Map.entry("clarion_redis_commands_total", Set.of()),
            Map.entry("clarion_outbox_depth", Set.of()),
            Map.entry("clarion_outbox_oldest_age_seconds", Set.of()),
            Map.entry("clarion_gateway_shed_total", Set.of()));

    private static DevStack stack;
    private static Engine engine;
    private static Process prometheus;
    private static Path prometheusDir;
    private static String prometheusUrl;
    private static final List<String> ids = new ArrayList<>();

    @BeforeAll
    static void trafficScrapedByARealPrometheus(DevStack devStack) throws Exception {
        stack = devStack;
        engine = Engine.start(stack, stack.newNamespace("observability"), 0, KEY, Map.of());
        startPrometheus();
        Api api = new Api(engine.gatewayUrl(), KEY);
        List<String> recipients = IntStream.range(0, 3).mapToObj(i -> "obs-" + i).toList();
        IntStream.range(0, recipients.size()).forEach(i -> putRecipient(api, recipients.get(i), "+155502000" + i));
        api.incidentWithUpdate("INC-OBS", "SEV1", "identified", "Payments fail");
        String broadcast = api.broadcast("INC-OBS", recipients, List.of("email", "sms", "push", "webhook"));
        api.awaitCompleted(broadcast, Duration.ofMinutes(2));

        String throttled = stack.sandbox().webhookUrl("obs-throttled");
        assertThat(api.put("/v1/recipients/obs-throttled", Map.of("contacts", Map.of("webhook",
                Map.of("url", throttled, "secret", Api.WEBHOOK_SECRET)))).status()).isIn(200, 201);
        // the sandbox knows a webhook by its path
        stack.sandbox().faults().set("webhook", Fault.flaky(1, 429, Duration.ZERO, Duration.ZERO)
                .onlyFor(URI.create(throttled).getPath()));
        ids.addAll(List.of(broadcast, api.broadcast("INC-OBS", List.of("obs-throttled"), List.of("webhook")),
                "INC-OBS", "obs-throttled"));
        ids.addAll(recipients);
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                PrometheusScrape.of(engine.dispatcherMetricsUrl()).series().stream().anyMatch(s ->
                        s.name().equals("clarion_provider_calls_seconds_count") && "retry".equals(s.labels().get("outcome"))));
        stack.sandbox().faults().clear();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (stack != null) {
            stack.sandbox().faults().clear();
        }
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (prometheusDir != null) {
            WorkDirs.deleteQuietly(prometheusDir);
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theScrapesHoldTheCatalogueWithLowCardinalityTagsOnly() {
        List<PrometheusScrape.Series> series = new ArrayList<>(PrometheusScrape.of(engine.dispatcherMetricsUrl()).series());
        series.addAll(PrometheusScrape.of(engine.gatewayMetricsUrl()).series());

        CATALOGUE.forEach((name, tags) -> {
            List<PrometheusScrape.Series> named = series.stream().filter(s -> s.name().equals(name)).toList();
            assertThat(named).as(name).isNotEmpty();
            named.forEach(s -> assertThat(s.labels().keySet()).as(name)
                    .containsAll(tags).isSubsetOf(union(tags, Set.of("application", "le"))));
        });
        assertThat(series).filteredOn(s -> s.name().equals("http_server_requests_seconds_bucket"))
                .anySatisfy(s -> assertThat(s.labels()).containsEntry("uri", "/v1/broadcasts").containsKey("status"));
        assertThat(series).allSatisfy(s -> assertThat(s.labels().values())
                .as("%s carries no recipient, incident or broadcast id", s)
                .noneMatch(value -> ids.stream().anyMatch(value::contains)));
    }

    @Test
    void aRealPrometheusAnswersEveryDashboardQueryAndFindsEveryAlertSelector() throws Exception {
        List<String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(20);
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String query : queries) {
                assertThat(query(query)).as(query).isNotEmpty();
            }
        });

        for (String rule : alertExpressions()) {
            query(rule); // parses and evaluates (success), firing or not
            Matcher selectors = SELECTOR.matcher(rule);
            while (selectors.find()) {
                String selector = selectors.group(1) + Optional.ofNullable(selectors.group(2)).orElse("");
                assertThat(query(selector)).as("%s in %s", selector, rule).isNotEmpty();
            }
        }
    }

    private static void putRecipient(Api api, String id, String phone) {
        var contacts = Map.of("email", id + "@example.com", "sms", phone,
                "push", List.of(Map.of("platform", "fcm", "token", "fcm-" + id)),
                "webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET));
        var response = api.put("/v1/recipients/" + id, Map.of("contacts", contacts));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static void startPrometheus() throws IOException {
        prometheusDir = WorkDirs.create("clarion-prometheus-");
        int port = LoopbackPorts.free();
        Path config = prometheusDir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "rule_files: ['" + ALERTS + "']",
                "scrape_configs:",
                "  - job_name: clarion-gateway",
                "    metrics_path: /actuator/prometheus",
                "    static_configs: [{targets: ['" + hostPort(engine.gatewayMetricsUrl()) + "']}]",
                "  - job_name: clarion-dispatcher",
                "    metrics_path: /actuator/prometheus",
                "    static_configs: [{targets: ['" + hostPort(engine.dispatcherMetricsUrl()) + "']}]", ""));
        prometheus = new ProcessBuilder(prometheusBinary().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + prometheusDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(prometheusDir.resolve("prometheus.log").toFile()).start();
        prometheusUrl = "http://127.0.0.1:" + port;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> query("up == 1").size() == 2);
    }

    private static String hostPort(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    private static Path prometheusBinary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + ":/usr/bin:/usr/local/bin";
        return Stream.of(path.split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("the prometheus server is not installed: apt-get install -y"
                        + " prometheus (.ci/run installs it)"));
    }

    /** The result series of an instant query; fails unless Prometheus answers success. */
    @SuppressWarnings("unchecked")
    private static List<Object> query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(prometheusUrl
                + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = JSON.readValue(response.body(), Map.class);
        assertThat(body).as("%s: %s", promql, response.body()).containsEntry("status", "success");
        return (List<Object>) ((Map<String, Object>) body.get("data")).get("result");
    }

    @SuppressWarnings("unchecked")
    private static List<String> dashboardQueries() throws IOException {
        Map<String, Object> dashboard = JSON.readValue(Files.readString(DASHBOARD), Map.class);
        List<String> queries = new ArrayList<>();
        for (Object panel : (List<Object>) dashboard.get("panels")) {
            for (Object target : (List<Object>) ((Map<String, Object>) panel).getOrDefault("targets", List.of())) {
                queries.add((String) ((Map<String, Object>) target).get("expr"));
            }
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertExpressions() throws IOException {
        Map<String, Object> rules = new org.yaml.snakeyaml.Yaml().load(Files.readString(ALERTS));
        List<String> expressions = new ArrayList<>();
        for (Object group : (List<Object>) rules.get("groups")) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                expressions.add((String) ((Map<String, Object>) rule).get("expr"));
            }
        }
        assertThat(expressions).hasSize(6);
        return expressions;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
