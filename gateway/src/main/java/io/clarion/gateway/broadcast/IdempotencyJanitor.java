package io.clarion.gateway.broadcast;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import io.clarion.gateway.schedule.Periodic;
import io.clarion.gateway.schedule.PeriodicLifecycle;
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
class IdempotencyJanitor extends PeriodicLifecycle {
    private final DatabaseClient db;
    private final IdempotencyProperties properties;
    private final Periodic periodic;

    IdempotencyJanitor(DatabaseClient db, IdempotencyProperties properties) {
        this.db = db;
        this.properties = properties;
        this.periodic = new Periodic("idempotency janitor", Flux.interval(Duration.ZERO, properties.janitorInterval()),
                this::sweep);
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
    protected Periodic periodic() {
        return periodic;
    }
}
