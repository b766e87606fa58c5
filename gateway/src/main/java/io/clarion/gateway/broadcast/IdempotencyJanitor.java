package io.clarion.gateway.broadcast;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes idempotency keys older than {@code clarion.idempotency.retention}, every
 * {@code janitor-interval}, in batches. Safe with several gateways: each batch locks its rows with
 * {@code FOR UPDATE SKIP LOCKED}, so gateways running at once delete disjoint rows and never wait on each
 * other, and deleting an already deleted row is nothing. A key is never deleted before its retention, so
 * a replay within it still gets the first answer.
 */
@Component
class IdempotencyJanitor implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyJanitor.class);

    private final DatabaseClient db;
    private final IdempotencyProperties properties;
    private volatile Disposable running;

    IdempotencyJanitor(DatabaseClient db, IdempotencyProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /** Deletes every key past its retention; emits how many were deleted. */
    Mono<Long> sweep() {
        return deleteBatch()
                .expand(n -> n == properties.janitorBatch() ? deleteBatch() : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> deleteBatch() {
        return db.sql("""
                        DELETE FROM idempotency_keys WHERE ctid IN (
                          SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1)
                          LIMIT $2 FOR UPDATE SKIP LOCKED)""")
                .bind(0, (double) properties.retention().toSeconds())
                .bind(1, properties.janitorBatch())
                .fetch().rowsUpdated();
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ZERO, properties.janitorInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(this::logAndWait), 1)
                .subscribe();
    }

    private Mono<Long> logAndWait(Throwable error) {
        log.warn("idempotency janitor failed; retrying at the next interval: {}", error.toString());
        return Mono.empty();
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
