package io.clarion.devstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresCoordinatesTest {

    @Test
    void jdbcUrlIsParsedIntoHostPortAndDatabase() {
        PostgresCoordinates coordinates = PostgresCoordinates.fromJdbcUrl(
                "jdbc:postgresql://db.internal:6543/clarion?sslmode=disable", "app", "pw");

        assertThat(coordinates).isEqualTo(new PostgresCoordinates("db.internal", 6543, "clarion", "app", "pw"));
        assertThat(coordinates.jdbcUrl("other")).isEqualTo("jdbc:postgresql://db.internal:6543/other");
        assertThat(coordinates.r2dbcUrl("other")).isEqualTo("r2dbc:postgresql://db.internal:6543/other");
    }

    @Test
    void urlOfAnotherDatabaseKindIsRejected() {
        assertThatThrownBy(() -> PostgresCoordinates.fromJdbcUrl("jdbc:mysql://db/x", "u", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: jdbc:postgresql://host[:port]/database");
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(new PostgresCoordinates("h", 1, "d", "u", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void databaseNamesThatAreNotPlainIdentifiersAreRejectedBeforeAnySql() {
        PostgresCoordinates coordinates = new PostgresCoordinates("127.0.0.1", 1, "postgres", "postgres", "");

        assertThatThrownBy(() -> coordinates.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("database name: 'x; DROP DATABASE postgres' (expected:");
    }
}
