package io.clarion.gateway.timeline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the timeline and the KPIs are made of, read from the tables that already record it: updates
 * ({@code incident_updates.created_at}), broadcasts, their audit entries, and the delivery archive
 * ({@code deliveries.recorded_at}). Every query is per tenant and bounded: broadcasts by {@link #MAX_BROADCASTS},
 * deliveries aggregated per broadcast through the archive's primary key (broadcast id first).
 */
@Component
public class TimelineStore {
    static final int MAX_BROADCASTS = 1000;
    static final int MAX_UPDATES = 1000;

    private final DatabaseClient db;

    TimelineStore(DatabaseClient db) {
        this.db = db;
    }

    record Update(int version, String status, Instant at) {
    }

    public record Broadcast(UUID id, String incidentId, int version, List<String> channels, String status, Instant createdAt,
                     Instant completedAt, Instant updateStoredAt) {
    }

    record AuditEntry(String action, String subject, String actor, Instant at) {
    }

    /** The outcomes of one broadcast on one channel: how many, and when the first and last were recorded. */
    public record ChannelOutcome(UUID broadcastId, String channel, String outcome, long count, Instant first, Instant last) {
    }

    record Reason(String reason, long count) {
    }

    Mono<Boolean> incidentExists(String tenant, String incidentId) {
        return db.sql("SELECT 1 FROM incidents WHERE tenant_id = $1 AND id = $2").bind(0, tenant).bind(1, incidentId)
                .map(row -> true).one().defaultIfEmpty(false);
    }

    Flux<Update> updates(String tenant, String incidentId) {
        return db.sql("SELECT version, status, created_at FROM incident_updates WHERE tenant_id = $1 AND incident_id = $2 "
                        + "ORDER BY version LIMIT " + MAX_UPDATES)
                .bind(0, tenant).bind(1, incidentId)
                .map(row -> new Update(row.get("version", Integer.class), row.get("status", String.class),
                        instant(row.get("created_at", OffsetDateTime.class))))
                .all();
    }

    Flux<Broadcast> broadcastsOf(String tenant, String incidentId) {
        return broadcasts("b.tenant_id = $1 AND b.incident_id = $2", tenant, incidentId);
    }

    /** Broadcasts created in [from, to), oldest first, at most {@link #MAX_BROADCASTS} + 1 (to tell truncation). */
    Flux<Broadcast> broadcastsCreated(String tenant, Instant from, Instant to) {
        return broadcasts("b.tenant_id = $1 AND b.created_at >= $2 AND b.created_at < $3", tenant, from, to);
    }

    private Flux<Broadcast> broadcasts(String where, Object... parameters) {
        return db.sql("""
                        SELECT b.id, b.incident_id, b.version, b.channels, b.status, b.created_at, b.completed_at,
                               u.created_at AS update_stored_at
                        FROM broadcasts b
                        LEFT JOIN incident_updates u ON u.tenant_id = b.tenant_id AND u.incident_id = b.incident_id
                                                     AND u.version = b.version
                        """ + " WHERE " + where + " ORDER BY b.created_at, b.id LIMIT " + (MAX_BROADCASTS + 1))
                .bindValues(List.of(parameters))
                .map(row -> new Broadcast(row.get("id", UUID.class), row.get("incident_id", String.class),
                        row.get("version", Integer.class), List.of(row.get("channels", String[].class)),
                        row.get("status", String.class), instant(row.get("created_at", OffsetDateTime.class)),
                        instant(row.get("completed_at", OffsetDateTime.class)),
                        instant(row.get("update_stored_at", OffsetDateTime.class))))
                .all();
    }

    /** The broadcasts' approval transitions, as the audit log recorded them. */
    Flux<AuditEntry> approvals(String tenant, List<UUID> broadcasts) {
        return db.sql("""
                        SELECT action, subject, actor, at FROM audit_log
                        WHERE tenant_id = $1 AND subject = ANY($2)
                          AND action IN ('broadcast.approved', 'broadcast.released', 'broadcast.rejected')
                        ORDER BY at""")
                .bind(0, tenant).bind(1, broadcasts.stream().map(id -> "broadcast/" + id).toArray(String[]::new))
                .map(row -> new AuditEntry(row.get("action", String.class), row.get("subject", String.class),
                        row.get("actor", String.class), instant(row.get("at", OffsetDateTime.class))))
                .all();
    }

    public Flux<ChannelOutcome> outcomes(String tenant, List<UUID> broadcasts) {
        return db.sql("""
                        SELECT broadcast_id, channel, outcome, count(*) AS n, min(recorded_at) AS first_at,
                               max(recorded_at) AS last_at
                        FROM deliveries WHERE tenant_id = $1 AND broadcast_id = ANY($2)
                        GROUP BY broadcast_id, channel, outcome""")
                .bind(0, tenant).bind(1, broadcasts.toArray(UUID[]::new))
                .map(row -> new ChannelOutcome(row.get("broadcast_id", UUID.class), row.get("channel", String.class),
                        row.get("outcome", String.class), row.get("n", Long.class),
                        instant(row.get("first_at", OffsetDateTime.class)), instant(row.get("last_at", OffsetDateTime.class))))
                .all();
    }

    /** Suppressed deliveries by reason (its part before the first ':', e.g. {@code contact-point-unusable}). */
    Flux<Reason> suppressedReasons(String tenant, List<UUID> broadcasts) {
        return db.sql("""
                        SELECT split_part(coalesce(reason, 'unknown'), ':', 1) AS reason, count(*) AS n FROM deliveries
                        WHERE tenant_id = $1 AND broadcast_id = ANY($2) AND outcome = 'suppressed'
                        GROUP BY 1 ORDER BY 2 DESC, 1""")
                .bind(0, tenant).bind(1, broadcasts.toArray(UUID[]::new))
                .map(row -> new Reason(row.get("reason", String.class), row.get("n", Long.class)))
                .all();
    }

    /**
     * Deliveries that waited at least once, by the reason of their latest deferral (its part before the first ':',
     * e.g. {@code blackout}, {@code recipient-rate-limited}, {@code circuit-open}), whatever became of them since.
     */
    Flux<Reason> deferredReasons(String tenant, List<UUID> broadcasts) {
        return db.sql("""
                        SELECT split_part(reason, ':', 1) AS reason, count(*) AS n FROM deferred_deliveries
                        WHERE tenant_id = $1 AND broadcast_id = ANY($2)
                        GROUP BY 1 ORDER BY 2 DESC, 1""")
                .bind(0, tenant).bind(1, broadcasts.toArray(UUID[]::new))
                .map(row -> new Reason(row.get("reason", String.class), row.get("n", Long.class)))
                .all();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
