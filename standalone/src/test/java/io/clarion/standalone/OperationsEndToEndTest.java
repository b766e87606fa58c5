package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.gateway.migration.SchemaMigration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine as deployed: the schema migrated by its owner, the gateway and the dispatcher connected as a login
 * member of clarion_runtime (which cannot rewrite the archive), actuator only on the management ports.
 */
@ExtendWith(DevStackExtension.class)
class OperationsEndToEndTest {
    private static final String KEY = "ops-key";
    private static final String PASSWORD = "runtime-password";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static DevStack stack;
    private static Namespace namespace;
    private static String runtimeUser;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) throws SQLException {
        stack = devStack;
        namespace = stack.newNamespace("operations");
        var postgres = stack.postgresCoordinates();
        SchemaMigration.run("--spring.flyway.url=" + postgres.jdbcUrl(namespace.database()),
                "--spring.flyway.user=" + postgres.user(), "--spring.flyway.password=" + postgres.password()).close();
        runtimeUser = namespace.database() + "_app";
        asOwner("CREATE ROLE " + runtimeUser + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE clarion_runtime");
        engine = Engine.start(stack, namespace, 0, KEY, Engine.runtimeDatabaseUser(runtimeUser, PASSWORD));
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (engine != null) {
            engine.close();
        }
        if (runtimeUser != null) {
            asOwner("DROP ROLE IF EXISTS " + runtimeUser);
        }
    }

    @Test
    void aBroadcastReachesItsRecipientsWithTheApplicationsConnectedAsTheRuntimeUser() throws SQLException {
        for (String recipient : List.of("ops-1", "ops-2", "ops-3")) {
            assertThat(api.put("/v1/recipients/" + recipient, Map.of("contacts", Map.of("webhook", Map.of(
                    "url", stack.sandbox().webhookUrl(recipient), "secret", "ops-test-secret-0123")))).status())
                    .isEqualTo(201);
        }
        api.incidentWithUpdate("INC-OPS", "SEV2", "investigating", "runs as clarion_runtime");

        Map<String, Long> counts = Api.counts(api.awaitCompleted(
                api.broadcast("INC-OPS", List.of("ops-1", "ops-2", "ops-3"), List.of("webhook")), Duration.ofSeconds(60)));

        assertThat(counts).containsEntry("sent", 3L).containsEntry("failed", 0L);
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.sandbox().messages("webhook").stream()
                .filter(m -> "INC-OPS".equals(m.incidentId())).count() == 3);
        assertThat(archivedBy("deliveries")).as("the dispatcher archived as the runtime user").isEqualTo(3);
        assertThat(archivedBy("audit_log")).isPositive();
    }

    @Test
    void actuatorIsServedOnTheManagementPortsAndNotOnTheApiPort() throws Exception {
        assertThat(engine.managementUrl()).isNotEqualTo(engine.gatewayUrl());

        assertThat(get(engine.gatewayUrl() + "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(get(engine.gatewayUrl() + "/actuator/health").statusCode()).isEqualTo(404);
        HttpResponse<String> metrics = get(engine.managementUrl() + "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"clarion-gateway\"");
        assertThat(get(engine.managementUrl() + "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(new Api(engine.managementUrl(), KEY).get("/v1/incidents/INC-OPS").status())
                .as("the API is not on the management port, even with a key").isEqualTo(404);
        HttpResponse<String> dispatcher = get(engine.dispatcherManagementUrl() + "/actuator/prometheus");
        assertThat(dispatcher.statusCode()).isEqualTo(200);
        assertThat(dispatcher.body()).contains("application=\"clarion-dispatcher\"");
    }

    private static long archivedBy(String table) throws SQLException {
        try (Connection owner = stack.postgresCoordinates().connect(namespace.database());
             var rows = owner.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void asOwner(String statement) throws SQLException {
        try (Connection owner = stack.postgresCoordinates().connect(namespace.database())) {
            owner.createStatement().execute(statement);
        }
    }
}
