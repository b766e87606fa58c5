package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What Clarion keeps and forgets, on the real stack: erasure of a recipient (contact points gone from every
 * table, Redis key and API answer; the archive keeps its outcome rows with keyed hashes), idempotency keys
 * deleted after their retention, and an archive that refuses every other change.
 */
@ExtendWith(DevStackExtension.class)
class DataLifecycleTest {
    private static final String KEY = "lifecycle-key";
    private static final String INCIDENT = "INC-ERASE";
    private static final String EMAIL = "erase-me@example.com";
    private static final String SMS = "+15550109999";
    private static final String TOKEN = "fcm-erase-me-token";
    private static final String HOOK = "erase-me-hook";

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("lifecycle");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of("clarion.idempotency.janitor-interval", "200ms"));
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void erasureRemovesEveryContactPointButKeepsTheArchiveCounts() throws SQLException {
        String url = stack.sandbox().webhookUrl(HOOK);
        var put = api.put("/v1/recipients/r-erase", Map.of("contacts", Map.of("email", EMAIL, "sms", SMS,
                "push", List.of(Map.of("platform", "fcm", "token", TOKEN)),
                "webhook", Map.of("url", url, "secret", "whsec_" + Base64.getEncoder()
                        .encodeToString("a-webhook-secret-of-32-bytes-xx!".getBytes())))));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        assertThat(api.get("/v1/recipients/r-erase").body()).contains(EMAIL).doesNotContain("a-webhook-secret");
        api.incidentWithUpdate(INCIDENT, "SEV1", "investigating", "erasure test");
        String broadcast = api.broadcast(INCIDENT, List.of("r-erase"), List.of("email", "sms", "push", "webhook"));
        var done = api.awaitCompleted(broadcast, Duration.ofSeconds(90));
        assertThat(Api.counts(done)).containsEntry("sent", 4L);
        List<String> contactPoints = List.of(EMAIL, SMS, TOKEN, url);
        assertThat(everyRow()).as("before erasure the archive names the destinations").contains(EMAIL, SMS, url);

        assertThat(api.delete("/v1/recipients/r-erase").status()).isEqualTo(204);

        assertThat(api.get("/v1/recipients/r-erase").status()).isEqualTo(404);
        assertThat(api.delete("/v1/recipients/r-erase").status()).as("erased once").isEqualTo(404);
        String rows = everyRow();
        assertThat(contactPoints).allSatisfy(point -> assertThat(rows).as("no table holds " + point)
                .doesNotContain(point));
        assertThat(archive(broadcast)).as("outcome rows kept, destinations replaced by a keyed hash").hasSize(4)
                .allSatisfy(row -> assertThat(row).matches("sent erased:[0-9a-f]{64}"));
        assertThat(Api.counts(api.get("/v1/broadcasts/" + broadcast).json())).containsEntry("sent", 4L);
        assertThat(rows).contains("recipient.erased");
        assertThat(redisKeysAndValues()).as("no Redis key or value holds the recipient or a contact point")
                .allSatisfy(entry -> assertThat(entry).doesNotContain("r-erase").doesNotContain(EMAIL)
                        .doesNotContain(SMS).doesNotContain(TOKEN).doesNotContain(HOOK));
    }

    @Test
    void theArchiveRefusesEveryOtherChange() throws SQLException {
        assertThat(api.put("/v1/recipients/r-archive", Map.of("contacts", Map.of("email", "archive@example.com")))
                .status()).isEqualTo(201);
        api.incidentWithUpdate("INC-ARCHIVE", "SEV1", "investigating", "archive test");
        api.awaitCompleted(api.broadcast("INC-ARCHIVE", List.of("r-archive"), List.of("email")), Duration.ofSeconds(60));
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            assertThat(refused(statement, "UPDATE deliveries SET outcome = 'failed'")).isTrue();
            assertThat(refused(statement, "UPDATE deliveries SET destination = 'someone-else@example.com'")).isTrue();
            assertThat(refused(statement, "DELETE FROM deliveries")).isTrue();
            assertThat(refused(statement, "DELETE FROM audit_log")).isTrue();
        }
    }

    @Test
    void idempotencyKeysAreDeletedAfterTheirRetentionAndNotBefore() throws SQLException {
        assertThat(api.get("/v1/incidents/none").status()).as("the bootstrap key exists once used").isEqualTo(404);
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            assertThat(statement.executeUpdate("""
                    INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, created_at)
                    SELECT id, 'old-' || g, '\\x00', 202, now() - interval '49 hours'
                    FROM api_keys, generate_series(1, 2500) AS g WHERE name = 'bootstrap'""")).isEqualTo(2500);
            assertThat(statement.executeUpdate("""
                    INSERT INTO idempotency_keys (api_key_id, key, request_hash, response_status, created_at)
                    SELECT id, 'recent', '\\x00', 202, now() - interval '47 hours' FROM api_keys WHERE name = 'bootstrap'"""))
                    .isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(count("key LIKE 'old-%'")).isZero());
        assertThat(count("key = 'recent'")).isEqualTo(1);
    }

    private static boolean refused(Statement statement, String sql) {
        try {
            statement.executeUpdate(sql);
            return false;
        } catch (SQLException expected) {
            return expected.getMessage().contains("append-only");
        }
    }

    private static long count(String where) throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM idempotency_keys WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of every table in the namespace's database, as text. */
    private static String everyRow() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        all.append(table).append(": ").append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static List<String> archive(String broadcast) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT outcome || ' ' || destination FROM deliveries "
                     + "WHERE broadcast_id = '" + broadcast + "'")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** Every key of this namespace in Redis, with its value when it is a string. */
    private static List<String> redisKeysAndValues() {
        RedisClient client = RedisClient.create(stack.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var commands = connection.sync();
            List<String> entries = new ArrayList<>();
            ScanIterator.scan(commands, ScanArgs.Builder.matches(namespace.redisKey("clarion:") + "*")).forEachRemaining(
                    key -> entries.add(key + " = " + ("string".equals(commands.type(key)) ? commands.get(key) : "")));
            assertThat(entries).as("the namespace has Redis keys at all").isNotEmpty();
            return entries;
        } finally {
            client.shutdown();
        }
    }

    private static Connection connect() throws SQLException {
        var postgres = stack.postgresCoordinates();
        return DriverManager.getConnection(postgres.jdbcUrl(namespace.database()), postgres.user(), postgres.password());
    }
}
