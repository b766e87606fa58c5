package io.clarion.gateway.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.gateway.kafka.RecordPublisher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The one-shot migration of docker-compose.yml and the Helm Job, against a real PostgreSQL. */
@ExtendWith(DevStackExtension.class)
class SchemaMigrationTest {

    @Test
    void migratesAnEmptyDatabaseAndExitsCleanlyStartingNothingElse(DevStack stack) throws SQLException {
        Namespace namespace = stack.newNamespace("migration");

        try (ConfigurableApplicationContext context = SchemaMigration.run(flyway(stack, namespace))) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBeanNamesForType(RecordPublisher.class)).as("no Kafka, no outbox relay").isEmpty();
            assertThat(SpringApplication.exit(context)).as("what main passes to System.exit").isZero();
        }

        assertThat(appliedMigrations(stack, namespace)).isPositive();
    }

    @Test
    void aSecondRunFindsNothingLeftToApply(DevStack stack) throws SQLException {
        Namespace namespace = stack.newNamespace("migration-twice");
        SchemaMigration.run(flyway(stack, namespace)).close();
        int applied = appliedMigrations(stack, namespace);

        SchemaMigration.run(flyway(stack, namespace)).close();

        assertThat(appliedMigrations(stack, namespace)).isEqualTo(applied);
    }

    private static String[] flyway(DevStack stack, Namespace namespace) {
        var postgres = stack.postgresCoordinates();
        return new String[] {"--spring.flyway.url=" + postgres.jdbcUrl(namespace.database()),
                "--spring.flyway.user=" + postgres.user(), "--spring.flyway.password=" + postgres.password()};
    }

    private static int appliedMigrations(DevStack stack, Namespace namespace) throws SQLException {
        try (Connection connection = stack.postgresCoordinates().connect(namespace.database());
             ResultSet rows = connection.createStatement()
                     .executeQuery("select count(*) from flyway_schema_history where success")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
