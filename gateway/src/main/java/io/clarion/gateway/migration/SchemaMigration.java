package io.clarion.gateway.migration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Migrates the schema, then exits: status 0 when the schema is current, non-zero when a migration
 * failed. It reads the gateway's own settings ({@code gateway.yml}, {@code spring.flyway.*}) and
 * starts nothing else (no HTTP server, no outbox relay, no Kafka).
 *
 * <p>Why it exists: docker-compose.yml's one-shot {@code migrate} service and the Helm chart's
 * pre-install/pre-upgrade Job run the gateway image with this main class, and the gateway replicas run
 * with {@code spring.flyway.enabled=false}, so replicas never race to migrate. Were two migrations
 * to run at once anyway, Flyway serializes them with a PostgreSQL advisory lock and the second finds
 * nothing left to apply.
 *
 * <p>Deliberately not a {@code @Configuration}: the gateway's component scan must not pick it up.
 */
@ImportAutoConfiguration(FlywayAutoConfiguration.class)
public class SchemaMigration {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(run(args)));
    }

    /** Runs the migrations and returns the (still open) context; {@link #main} closes it and exits. */
    public static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(SchemaMigration.class)
                .properties("spring.config.name=gateway")
                .web(WebApplicationType.NONE)
                .run(args);
    }
}
