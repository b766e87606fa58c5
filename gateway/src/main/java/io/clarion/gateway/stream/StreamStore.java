package io.clarion.gateway.stream;

import io.clarion.gateway.timeline.TimelineStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the stream reads, per tenant: updates stored and broadcasts changed after a point in time (through the
 * indexes on {@code (tenant_id, created_at)} and {@code (tenant_id, updated_at)}), the open incidents, and the
 * database's clock (every time the stream compares comes from it).
 */
@Component
class StreamStore {
    static final int MAX_ROWS = 500;
    static final int SNAPSHOT_BROADCASTS = 50;
    private static final String UPDATE_COLUMNS = "u.incident_id, u.version, u.status, u.body, u.title, u.severity, u.created_at";
    private static final String BROADCAST_QUERY = """
            SELECT b.id, b.incident_id, b.version, b.channels, b.status, b.targeted, b.sent, b.failed, b.superseded,
                   b.suppressed, b.created_at, b.updated_at, b.completed_at, u.created_at AS update_stored_at,
                   u.severity, u.title
            FROM broadcasts b
            LEFT JOIN incident_updates u ON u.tenant_id = b.tenant_id AND u.incident_id = b.incident_id
                                         AND u.version = b.version
            """;

    private final DatabaseClient db;

    StreamStore(DatabaseClient db) {
        this.db = db;
    }

    record UpdateRow(String incidentId, int version, String status, String body, String title, String severity,
                     Instant at) {
    }

    record BroadcastRow(TimelineStore.Broadcast broadcast, String severity, String title, long targeted, long sent,
                        long failed, long superseded, long suppressed, Instant updatedAt) {
    }

    Mono<Instant> now() {
        return db.sql("SELECT now() AS now").map(row -> row.get("now", OffsetDateTime.class).toInstant()).one();
    }

    Flux<UpdateRow> updatesSince(String tenant, Instant after) {
        return db.sql("SELECT " + UPDATE_COLUMNS + " FROM incident_updates u WHERE u.tenant_id = $1 AND u.created_at > $2 "
                        + "ORDER BY u.created_at LIMIT " + MAX_ROWS)
                .bind(0, tenant).bind(1, after).map((row, meta) -> update(row)).all();
    }

    /** The latest update of every incident whose latest update is not {@code resolved}. */
    Flux<UpdateRow> openIncidents(String tenant) {
        return db.sql("SELECT " + UPDATE_COLUMNS + " FROM incidents i JOIN incident_updates u ON u.tenant_id = i.tenant_id "
                        + "AND u.incident_id = i.id AND u.version = i.latest_version "
                        + "WHERE i.tenant_id = $1 AND u.status <> 'resolved' ORDER BY u.created_at LIMIT " + MAX_ROWS)
                .bind(0, tenant).map((row, meta) -> update(row)).all();
    }

    Flux<BroadcastRow> broadcastsSince(String tenant, Instant after) {
        return db.sql(BROADCAST_QUERY + " WHERE b.tenant_id = $1 AND b.updated_at > $2 ORDER BY b.updated_at LIMIT " + MAX_ROWS)
                .bind(0, tenant).bind(1, after).map((row, meta) -> broadcast(row)).all();
    }

    /** The broadcasts changed last, oldest of them first. */
    Flux<BroadcastRow> recentBroadcasts(String tenant) {
        return db.sql(BROADCAST_QUERY + " WHERE b.tenant_id = $1 ORDER BY b.updated_at DESC LIMIT " + SNAPSHOT_BROADCASTS)
                .bind(0, tenant).map((row, meta) -> broadcast(row)).all()
                .collectList().flatMapIterable(StreamStore::oldestFirst);
    }

    private static List<BroadcastRow> oldestFirst(List<BroadcastRow> newestFirst) {
        List<BroadcastRow> rows = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(rows);
        return rows;
    }

    private static UpdateRow update(io.r2dbc.spi.Readable row) {
        return new UpdateRow(row.get("incident_id", String.class), row.get("version", Integer.class),
                row.get("status", String.class), row.get("body", String.class), row.get("title", String.class),
                row.get("severity", String.class), instant(row.get("created_at", OffsetDateTime.class)));
    }

    private static BroadcastRow broadcast(io.r2dbc.spi.Readable row) {
        var broadcast = new TimelineStore.Broadcast(row.get("id", UUID.class), row.get("incident_id", String.class),
                row.get("version", Integer.class), List.of(row.get("channels", String[].class)),
                row.get("status", String.class), instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("completed_at", OffsetDateTime.class)),
                instant(row.get("update_stored_at", OffsetDateTime.class)));
        return new BroadcastRow(broadcast, row.get("severity", String.class), row.get("title", String.class),
                row.get("targeted", Long.class), row.get("sent", Long.class), row.get("failed", Long.class),
                row.get("superseded", Long.class), row.get("suppressed", Long.class),
                instant(row.get("updated_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
