package io.clarion.devstack;

import static java.util.Objects.requireNonNull;

import io.clarion.devstack.postgres.PostgresCoordinates;
import io.clarion.devstack.process.LoopbackPorts;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which services devstack starts and which it only points at: a set {@code CLARION_KAFKA_BOOTSTRAP},
 * {@code CLARION_POSTGRES_URL} (with optional {@code CLARION_POSTGRES_USER}, default
 * {@code postgres}, and {@code CLARION_POSTGRES_PASSWORD}, default empty) or
 * {@code CLARION_REDIS_URL} means "use this one, start none".
 */
record StackSettings(Optional<String> externalKafka, Optional<PostgresCoordinates> externalPostgres,
                     Optional<String> externalRedis, String sandboxHost, int sandboxPort, int sandboxKeep) {

    static final String KAFKA_BOOTSTRAP = "CLARION_KAFKA_BOOTSTRAP";
    static final String POSTGRES_URL = "CLARION_POSTGRES_URL";
    static final String POSTGRES_USER = "CLARION_POSTGRES_USER";
    static final String POSTGRES_PASSWORD = "CLARION_POSTGRES_PASSWORD";
    static final String REDIS_URL = "CLARION_REDIS_URL";

    StackSettings {
        requireNonNull(externalKafka, "externalKafka");
        requireNonNull(externalPostgres, "externalPostgres");
        requireNonNull(externalRedis, "externalRedis");
        requireNonNull(sandboxHost, "sandboxHost");
    }

    static StackSettings from(UnaryOperator<String> environment, int sandboxPort) {
        return from(environment, sandboxPort, 0);
    }

    static StackSettings from(UnaryOperator<String> environment, int sandboxPort, int sandboxKeep) {
        return from(environment, LoopbackPorts.HOST, sandboxPort, sandboxKeep);
    }

    static StackSettings from(UnaryOperator<String> environment, String sandboxHost, int sandboxPort, int sandboxKeep) {
        Optional<String> redis = value(environment, REDIS_URL);
        redis.filter(uri -> !uri.startsWith("redis://") && !uri.startsWith("rediss://")).ifPresent(uri -> {
            throw new IllegalArgumentException(REDIS_URL + ": " + uri + " (expected: redis://host:port)");
        });
        Optional<PostgresCoordinates> postgres = value(environment, POSTGRES_URL)
                .map(url -> PostgresCoordinates.fromJdbcUrl(url,
                        value(environment, POSTGRES_USER).orElse("postgres"),
                        Optional.ofNullable(environment.apply(POSTGRES_PASSWORD)).orElse("")));
        return new StackSettings(value(environment, KAFKA_BOOTSTRAP), postgres, redis, sandboxHost, sandboxPort,
                sandboxKeep);
    }

    private static Optional<String> value(UnaryOperator<String> environment, String name) {
        return Optional.ofNullable(environment.apply(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
