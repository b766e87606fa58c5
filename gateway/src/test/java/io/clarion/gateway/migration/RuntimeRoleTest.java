package io.clarion.gateway.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * V5's clarion_runtime role, against a real PostgreSQL: a login member of it does the applications' work and
 * appends to the archive, but cannot rewrite, empty or unprotect it. The migration user owns the tables.
 */
@ExtendWith(DevStackExtension.class)
class RuntimeRoleTest {
    /** PostgreSQL's insufficient_privilege: "permission denied for table ..." and "must be owner of table ...". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String PASSWORD = "runtime-password";
    private static final String BROADCAST = "00000000-0000-0000-0000-0000000000b1";

    private static DevStack stack;
    private static Namespace namespace;
    private static String runtimeUser;

    @BeforeAll
    static void migrateAndCreateTheRuntimeLogin(DevStack devStack) throws SQLException {
        stack = devStack;
        namespace = stack.newNamespace("runtime_role");
        var postgres = stack.postgresCoordinates();
        SchemaMigration.run("--spring.flyway.url=" + postgres.jdbcUrl(namespace.database()),
                "--spring.flyway.user=" + postgres.user(), "--spring.flyway.password=" + postgres.password()).close();
        runtimeUser = namespace.database() + "_app"; // roles are cluster-wide: one per test database
        asOwner("CREATE ROLE " + runtimeUser + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE clarion_runtime");
    }

    @AfterAll
    static void dropTheRuntimeLogin() throws SQLException {
        if (runtimeUser != null) {
            asOwner("DROP ROLE IF EXISTS " + runtimeUser);
        }
    }

    @Test
    void theRuntimeUserDoesTheApplicationsWorkAndAppendsToTheArchive() throws SQLException {
        try (Connection runtime = runtime(); Statement sql = runtime.createStatement()) {
            for (String statement : List.of(
                    "INSERT INTO recipients (tenant_id, id, email) VALUES ('default', 'r1', 'r1@example.com')",
                    "UPDATE recipients SET email = 'r1@example.org' WHERE id = 'r1'",
                    "INSERT INTO segments (tenant_id, name, rule) VALUES ('default', 'all', '{}')",
                    "INSERT INTO incidents (tenant_id, id, title, severity) VALUES ('default', 'INC-1', 't', 'SEV2')",
                    "INSERT INTO incident_updates (tenant_id, incident_id, version, status, body, title, severity)"
                            + " VALUES ('default', 'INC-1', 1, 'investigating', 'b', 't', 'SEV2')",
                    "UPDATE incidents SET latest_version = 1 WHERE id = 'INC-1'",
                    "INSERT INTO broadcasts (tenant_id, id, incident_id, version, audience, channels)"
                            + " VALUES ('default', '" + BROADCAST + "', 'INC-1', 1, '{}', '{webhook}')",
                    "UPDATE broadcasts SET sent = sent + 1 WHERE id = '" + BROADCAST + "'",
                    "INSERT INTO outbox (topic, record_key, payload) VALUES ('t', 'k', 'p')",
                    "DELETE FROM outbox",
                    "INSERT INTO deliveries (tenant_id, broadcast_id, recipient_id, channel, incident_id, version,"
                            + " outcome, message_id, destination) VALUES ('default', '" + BROADCAST + "', 'r1', 'email', 'INC-1', 1, 'sent',"
                            + " 'm1', 'r1@example.org') ON CONFLICT DO NOTHING",
                    "INSERT INTO audit_log (actor, action, subject) VALUES ('key:test', 'test', 'recipient/r1')",
                    "INSERT INTO rate_limits (bucket, capacity, refill_tokens, refill_period_ms) VALUES ('b', 1, 1, 1000)"
                            + " ON CONFLICT (bucket) DO UPDATE SET capacity = EXCLUDED.capacity",
                    "INSERT INTO unusable_contacts (tenant_id, recipient_id, channel, destination, reason) VALUES ('default', 'r1', 'sms', 'x', 'y')",
                    "DELETE FROM recipients WHERE id = 'nobody'",
                    "SELECT count(*) FROM deliveries JOIN audit_log ON true")) {
                assertThatCode(() -> sql.execute(statement)).as(statement).doesNotThrowAnyException();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "TRUNCATE deliveries",
            "TRUNCATE audit_log",
            "TRUNCATE incident_updates",
            "ALTER TABLE deliveries DISABLE TRIGGER ALL",
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
            "DROP TRIGGER deliveries_append_only ON deliveries",
            "DROP TRIGGER incident_updates_append_only ON incident_updates",
            "UPDATE deliveries SET outcome = 'failed'",
            "UPDATE audit_log SET actor = 'someone else'",
            "UPDATE incident_updates SET body = 'rewritten'",
            "DELETE FROM audit_log",
            "DELETE FROM deliveries",
            "DELETE FROM incident_updates",
            "DROP TABLE audit_log",
            "ALTER TABLE deliveries DROP CONSTRAINT deliveries_pkey",
            "CREATE TABLE shadow (id int)",
            "DELETE FROM flyway_schema_history",
            "CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'"})
    void theRuntimeUserCannotRewriteEmptyOrUnprotectTheArchive(String statement) throws SQLException {
        try (Connection runtime = runtime(); Statement sql = runtime.createStatement()) {
            assertThatThrownBy(() -> sql.execute(statement)).as(statement)
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        }
    }

    @Test
    void theRuntimeUserMayReplaceADeliverysDestinationAndNothingElseOfIt() throws SQLException {
        try (Connection runtime = runtime(); Statement sql = runtime.createStatement()) {
            for (String column : List.of("outcome", "reason", "message_id", "content_hash", "recorded_at")) {
                var row = sql.executeQuery("SELECT has_column_privilege('deliveries', '" + column + "', 'UPDATE')");
                row.next();
                assertThat(row.getBoolean(1)).as(column).isFalse();
            }
            var destination = sql.executeQuery("SELECT has_column_privilege('deliveries', 'destination', 'UPDATE')");
            destination.next();
            assertThat(destination.getBoolean(1)).isTrue();
        }
    }

    /**
     * V14: the applications refresh the statistics of recipients after a large import. A runtime user without the
     * MAINTAIN privilege would not fail: PostgreSQL skips the table with a warning, which is why the row count the
     * statistics hold is checked.
     */
    @Test
    void theRuntimeUserMayRefreshTheStatisticsOfRecipients() throws SQLException {
        asOwner("INSERT INTO recipients (tenant_id, id) SELECT 'default', 'stats-' || n FROM generate_series(1, 25) n");

        try (Connection runtime = runtime(); Statement sql = runtime.createStatement()) {
            sql.execute("ANALYZE recipients");
            var statistics = sql.executeQuery("SELECT reltuples = (SELECT count(*) FROM recipients) "
                    + "FROM pg_class WHERE oid = 'recipients'::regclass");
            statistics.next();
            assertThat(statistics.getBoolean(1)).as("reltuples counts every row after the runtime user's ANALYZE")
                    .isTrue();
        }
    }

    @Test
    void tablesOfLaterMigrationsAreTheRuntimeUsersToo() throws SQLException {
        asOwner("CREATE TABLE later_feature (id bigserial PRIMARY KEY, note text)");

        try (Connection runtime = runtime(); Statement sql = runtime.createStatement()) {
            sql.execute("INSERT INTO later_feature (note) VALUES ('added by the runtime user')");
            sql.execute("DELETE FROM later_feature");
        }
    }

    @Test
    void theMigrationUserOwnsEveryTable() throws SQLException {
        try (Connection owner = stack.postgresCoordinates().connect(namespace.database());
             var rows = owner.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tableowner <> current_user")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    private static Connection runtime() throws SQLException {
        return DriverManager.getConnection(stack.postgresCoordinates().jdbcUrl(namespace.database()), runtimeUser,
                PASSWORD);
    }

    private static void asOwner(String statement) throws SQLException {
        try (Connection owner = stack.postgresCoordinates().connect(namespace.database());
             Statement sql = owner.createStatement()) {
            sql.execute(statement);
        }
    }
}
