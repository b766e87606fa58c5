package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request deadline ({@code clarion.gateway.shedding.request-deadline}) over HTTP, on a real gateway and
 * PostgreSQL, with a tiny deadline, one pooled connection, and the incidents table locked from the test so
 * requests wait: a read waiting on the lock is answered 503 with Retry-After at its deadline; a write waiting for
 * the pool is answered 503 and stores nothing; a write that already holds its connection is never cut, and
 * answers its own result once the lock is gone.
 */
@ExtendWith(DevStackExtension.class)
class RequestDeadlineEndToEndTest {
    private static final String KEY = "deadline-key";
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("deadline");
        engine = Engine.gatewayOnly(stack, namespace, 0, KEY, Map.of(
                "clarion.gateway.shedding.request-deadline", DEADLINE.toMillis() + "ms",
                "clarion.gateway.shedding.retry-after", "3s",
                "spring.r2dbc.pool.initial-size", 1, "spring.r2dbc.pool.max-size", 1));
        api = new Api(engine.gatewayUrl(), KEY);
        assertThat(api.put("/v1/incidents/INC-DL-READ", incident()).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aReadWaitingOnALockIsAnswered503WithRetryAfterAtItsDeadline() throws Exception {
        try (Connection lock = lockIncidents()) {
            Api.Response answer = answeredWithin(() -> api.get("/v1/incidents/INC-DL-READ"));

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.raw().headers().firstValue("Retry-After")).hasValue("3");
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body()).contains("problems/overloaded", "deadline of 1000 ms");
            lock.rollback();
        }
        assertThat(api.get("/v1/incidents/INC-DL-READ").status()).isEqualTo(200);
        assertThat(exceeded("GET")).isTrue();
    }

    @Test
    void aWriteIsCutOnlyWhileItWaitsForTheDatabase() throws Exception {
        CompletableFuture<Api.Response> holding;
        try (Connection lock = lockIncidents()) {
            holding = CompletableFuture.supplyAsync(() -> api.put("/v1/incidents/INC-DL-HOLDS", incident()));
            awaitBlockedOnLock(lock);

            Api.Response waiting = answeredWithin(() -> api.put("/v1/incidents/INC-DL-WAITS", incident()));

            assertThat(waiting.status()).as("waited for the one pooled connection past its deadline").isEqualTo(503);
            assertThat(waiting.raw().headers().firstValue("Retry-After")).hasValue("3");
            assertThat(holding).as("holds its connection: past its deadline, still running").isNotDone();
            lock.rollback();
        }
        assertThat(holding.get(30, TimeUnit.SECONDS).status()).as("answers its own result").isEqualTo(201);
        assertThat(api.get("/v1/incidents/INC-DL-HOLDS").status()).isEqualTo(200);
        assertThat(api.get("/v1/incidents/INC-DL-WAITS").status()).as("the cut write stored nothing").isEqualTo(404);
        assertThat(exceeded("PUT")).isTrue();
    }

    /** The answer, which must come long before the lock is released (the test's own bound, far above the deadline). */
    private static Api.Response answeredWithin(Supplier<Api.Response> request) throws Exception {
        return CompletableFuture.supplyAsync(request).get(20, TimeUnit.SECONDS);
    }

    private static Map<String, Object> incident() {
        return Map.of("title", "Deadline", "severity", "SEV3");
    }

    /** A transaction holding the incidents table so that no request can read or write it until rolled back. */
    private static Connection lockIncidents() throws SQLException {
        var postgres = stack.postgresCoordinates();
        Connection connection = DriverManager.getConnection(postgres.jdbcUrl(namespace.database()), postgres.user(),
                postgres.password());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE");
        }
        return connection;
    }

    /** Waits until a gateway statement waits for the lock, i.e. the request holding it has its connection. */
    private static void awaitBlockedOnLock(Connection lock) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (Statement statement = lock.createStatement();
                 ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                         + "current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")) {
                return waiting.next() && waiting.getInt(1) > 0;
            }
        });
    }

    private static boolean exceeded(String method) {
        return PrometheusScrape.of(engine.gatewayMetricsUrl()).series().stream()
                .anyMatch(series -> series.name().equals("clarion_gateway_deadline_exceeded_total")
                        && method.equals(series.labels().get("method"))
                        && "/v1/incidents/{id}".equals(series.labels().get("route")));
    }
}
