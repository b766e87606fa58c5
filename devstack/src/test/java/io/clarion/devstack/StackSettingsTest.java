package io.clarion.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clarion.devstack.postgres.PostgresCoordinates;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void noVariablesMeansEveryServiceIsStarted() {
        StackSettings settings = StackSettings.from(name -> null, 0);

        assertThat(settings.externalKafka()).isEmpty();
        assertThat(settings.externalPostgres()).isEmpty();
        assertThat(settings.externalRedis()).isEmpty();
    }

    @Test
    void variablesNameExternalServices() {
        Map<String, String> environment = Map.of(
                "CLARION_KAFKA_BOOTSTRAP", "kafka:9092",
                "CLARION_POSTGRES_URL", "jdbc:postgresql://db:6543/clarion",
                "CLARION_POSTGRES_USER", "app",
                "CLARION_POSTGRES_PASSWORD", "secret",
                "CLARION_REDIS_URL", "redis://cache:6379");

        StackSettings settings = StackSettings.from(environment::get, 8090);

        assertThat(settings.externalKafka()).hasValue("kafka:9092");
        assertThat(settings.externalPostgres()).hasValue(new PostgresCoordinates("db", 6543, "clarion", "app", "secret"));
        assertThat(settings.externalRedis()).hasValue("redis://cache:6379");
        assertThat(settings.sandboxPort()).isEqualTo(8090);
    }

    @Test
    void postgresUserDefaultsToPostgresWithEmptyPassword() {
        StackSettings settings = StackSettings.from(Map.of("CLARION_POSTGRES_URL", "jdbc:postgresql://db/app")::get, 0);

        assertThat(settings.externalPostgres()).hasValue(new PostgresCoordinates("db", 5432, "app", "postgres", ""));
    }

    @Test
    void redisUrlWithoutRedisSchemeIsRejectedWithTheVariableName() {
        assertThatThrownBy(() -> StackSettings.from(Map.of("CLARION_REDIS_URL", "cache:6379")::get, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CLARION_REDIS_URL: cache:6379 (expected: redis://host:port)");
    }
}
