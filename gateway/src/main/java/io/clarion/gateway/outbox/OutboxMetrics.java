package io.clarion.gateway.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox's backlog, read from PostgreSQL every {@value #EVERY_SECONDS} s: {@code clarion.outbox.depth}
 * (records not yet relayed to Kafka) and {@code clarion.outbox.oldest.age} (seconds since the oldest of them
 * was written; 0 when empty). Every gateway reports the same table: read them with {@code max}. A failed
 * read keeps the last figures.
 */
@Component
class OutboxMetrics implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);
    static final int EVERY_SECONDS = 5;

    private final DatabaseClient db;
    private final AtomicReference<Backlog> backlog = new AtomicReference<>(new Backlog(0, 0));
    private volatile Disposable running;

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
    public void start() {
        running = Flux.interval(Duration.ZERO, Duration.ofSeconds(EVERY_SECONDS))
                .onBackpressureDrop()
                .concatMap(tick -> measure().onErrorResume(e -> {
                    log.debug("could not measure the outbox: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
