package io.clarion.gateway.broadcast;

import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.problem.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The approval state machine, in PostgreSQL: {@code pending-approval → accepted} (approve, or auto-release)
 * or {@code → rejected}. Every transition locks the row and is conditional on {@code pending-approval}, so a
 * broadcast leaves that state once, whoever gets there first; release publishes the job stored in the row (its
 * outbox record and outreach list, see {@link Publication}) and writes the audit entry in the same transaction as
 * the status change, so a released broadcast is always published and a rejected one never is.
 */
@Component
class Approvals {
    static final String AUTO_RELEASE = "auto-release";

    private final DatabaseClient db;
    private final Publication publication;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    Approvals(DatabaseClient db, Publication publication, AuditLog audit, TransactionalOperator tx) {
        this.db = db;
        this.publication = publication;
        this.audit = audit;
        this.tx = tx;
    }

    private record Pending(String job, long creatorKeyId) {
    }

    /** Approves with another key than the creator's ({@code 403} for the creator, {@code 409} if not pending). */
    Mono<Void> approve(Caller caller, UUID id) {
        return pending(caller.tenant(), id)
                .flatMap(found -> found.creatorKeyId() == caller.apiKeyId()
                        ? Mono.error(ProblemException.of(HttpStatus.FORBIDDEN, "self-approval",
                        "the key that created broadcast '" + id + "' cannot approve it (expected: another key with scope approve)"))
                        : release(caller.tenant(), id, found.job(), caller.actor()))
                .as(tx::transactional)
                .doOnSuccess(done -> publication.nudge());
    }

    /** Rejects: the broadcast ends {@code rejected}, its job is dropped unpublished. */
    Mono<Void> reject(Caller caller, UUID id, String reason) {
        return pending(caller.tenant(), id)
                .flatMap(found -> db.sql("""
                                UPDATE broadcasts SET status = 'rejected', rejected_by = $3, rejected_at = now(),
                                  reject_reason = $4, pending_job = NULL, updated_at = now()
                                WHERE tenant_id = $1 AND id = $2""")
                        .bind(0, caller.tenant()).bind(1, id).bind(2, caller.actor()).bind(3, reason).then()
                        .then(audit.record(caller, "broadcast.rejected", "broadcast/" + id,
                                Map.of("rejectedBy", caller.actor(), "reason", reason))))
                .as(tx::transactional);
    }

    /**
     * Moves a locked pending broadcast to {@code accepted} and publishes it; call inside the transaction that
     * locked it.
     */
    Mono<Void> release(String tenant, UUID id, String job, String approvedBy) {
        return db.sql("""
                        UPDATE broadcasts SET status = 'accepted', approved_by = $3, approved_at = now(),
                          pending_job = NULL, updated_at = now()
                        WHERE tenant_id = $1 AND id = $2 AND status = 'pending-approval'""")
                .bind(0, tenant).bind(1, id).bind(2, approvedBy).then()
                .then(publication.publish(job))
                .then(audit.record(approvedBy, tenant,
                        "broadcast.approved", "broadcast/" + id, Map.of("approvedBy", approvedBy)));
    }

    /** The broadcast, locked, if it is pending; else 404 (absent, or another tenant's) or 409. */
    private Mono<Pending> pending(String tenant, UUID id) {
        return db.sql("SELECT status, pending_job, api_key_id FROM broadcasts "
                        + "WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .bind(0, tenant).bind(1, id)
                .map(row -> Map.entry(row.get("status", String.class), new Pending(
                        row.get("pending_job", String.class), orMinusOne(row.get("api_key_id", Long.class)))))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("broadcast '" + id + "'")))
                .flatMap(found -> "pending-approval".equals(found.getKey()) ? Mono.just(found.getValue())
                        : Mono.error(ProblemException.of(HttpStatus.CONFLICT, "not-pending-approval",
                        "broadcast '" + id + "' is " + found.getKey() + " (expected: pending-approval)")));
    }

    private static long orMinusOne(Long value) {
        return value == null ? -1 : value;
    }
}
