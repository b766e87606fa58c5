package io.clarion.gateway.broadcast;

import io.clarion.gateway.schedule.Periodic;
import io.clarion.gateway.schedule.PeriodicLifecycle;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Releases pending broadcasts whose {@code release_at} has passed, every {@code clarion.approvals.poll-interval},
 * on every gateway. The timer is the row: a restart loses nothing, and a gateway that dies mid-release rolls
 * its transaction back so another picks the row up. Fires once with several gateways: each claims due rows
 * with {@code FOR UPDATE SKIP LOCKED} and the release is conditional on {@code pending-approval}, in the
 * transaction that writes the outbox record and the audit entry ({@code approvedBy: "auto-release"}).
 */
@Component
class AutoRelease extends PeriodicLifecycle {
    private final DatabaseClient db;
    private final Approvals approvals;
    private final TransactionalOperator tx;
    private final ApprovalProperties properties;
    private final Periodic periodic;

    AutoRelease(DatabaseClient db, Approvals approvals, TransactionalOperator tx, ApprovalProperties properties) {
        this.db = db;
        this.approvals = approvals;
        this.tx = tx;
        this.properties = properties;
        this.periodic = new Periodic("approval auto-release", Flux.interval(properties.pollInterval()), this::releaseDue);
    }

    private record Due(String tenant, UUID id, String job) {
    }

    /** Releases one batch of due broadcasts; emits how many. */
    Mono<Integer> releaseDue() {
        return claimDue()
                .concatMap(due -> approvals.release(due.tenant(), due.id(), due.job(),
                        Approvals.AUTO_RELEASE).thenReturn(due))
                .count()
                .as(tx::transactional)
                .map(Long::intValue);
    }

    private Flux<Due> claimDue() {
        return db.sql("""
                        SELECT tenant_id, id, pending_job FROM broadcasts
                        WHERE status = 'pending-approval' AND release_at <= now()
                        ORDER BY release_at LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .bind(0, properties.batch())
                .map(row -> new Due(row.get("tenant_id", String.class), row.get("id", UUID.class),
                        row.get("pending_job", String.class)))
                .all()
                .collectList()
                .flatMapIterable(rows -> rows);
    }

    @Override
    protected Periodic periodic() {
        return periodic;
    }
}
