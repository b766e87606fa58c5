package io.clarion.gateway.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import io.clarion.gateway.schedule.Periodic;
import io.clarion.gateway.schedule.PeriodicLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox's backlog, read from PostgreSQL every {@value #EVERY_SECONDS} s: {@code clarion.outbox.depth}
 * (records not yet relayed to Kafka) and {@code clarion.outbox.oldest.age} (seconds since the oldest of them
 * was written; 0 when empty). Every gateway reports the same table: read them with {@code max}. A failed
 * read keeps the last figures.
 */
@Component
class OutboxMetrics extends PeriodicLifecycle {
    static final int EVERY_SECONDS = 5;

    private final DatabaseClient db;
    private final AtomicReference<Backlog> backlog = new AtomicReference<>(new Backlog(0, 0));
    private final Periodic periodic = new Periodic("outbox measurement",
            Flux.interval(Duration.ZERO, Duration.ofSeconds(EVERY_SECONDS)), this::measure);

    private record Backlog(long depth, double oldestAgeSeconds) {
    }

    OutboxMetrics(DatabaseClient db, MeterRegistry registry) {
        this.db = db;
        Gauge.builder("clarion.outbox.depth", backlog, b -> b.get().depth())
                .description("Outbox records not yet relayed to Kafka").register(registry);
        Gauge.builder("clarion.outbox.oldest.age", backlog, b -> b.get().oldestAgeSeconds()).baseUnit("seconds")
                .description("Seconds since the oldest outbox record not yet relayed was written").register(registry);
    }

    Mono<Void> measure() {
        return db.sql("SELECT count(*) AS depth, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age"
                        + " FROM outbox")
                .map(row -> new Backlog(row.get("depth", Long.class), row.get("age", Double.class)))
                .one()
                .doOnNext(backlog::set)
                .then();
    }

    @Override
    protected Periodic periodic() {
        return periodic;
    }
}
