package io.clarion.gateway.ingest;

import io.clarion.core.ingest.IncidentSignal;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.incident.IncidentFeed;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Records an alerting tool's event exactly once per dedupe key: the key is claimed (a primary key row) in the
 * transaction that records the incident version, so either both commit or neither does. A redelivery, even one
 * that races the first delivery (its insert waits for the first transaction), finds the key and gets the first
 * answer back, marked {@code duplicate}, without a second version.
 */
@Component
class Ingestion {
    private final DatabaseClient db;
    private final IncidentFeed feed;
    private final TransactionalOperator tx;

    Ingestion(DatabaseClient db, IncidentFeed feed, TransactionalOperator tx) {
        this.db = db;
        this.feed = feed;
        this.tx = tx;
    }

    /** The answer of an ingestion endpoint. */
    record Answer(String incidentId, Integer version, String broadcastId, boolean duplicate) {
    }

    Mono<Answer> ingest(Caller caller, String source, IncidentSignal signal) {
        return claim(caller.tenant(), source, signal.dedupeKey())
                .flatMap(claimed -> claimed ? record(caller, source, signal)
                        : firstAnswer(caller.tenant(), source, signal.dedupeKey()))
                .as(tx::transactional);
    }

    private Mono<Boolean> claim(String tenant, String source, String key) {
        return db.sql("INSERT INTO ingested_events (tenant_id, source, dedupe_key) VALUES ($1, $2, $3) "
                        + "ON CONFLICT DO NOTHING")
                .bind(0, tenant).bind(1, source).bind(2, key)
                .fetch().rowsUpdated()
                .map(inserted -> inserted == 1);
    }

    private Mono<Answer> record(Caller caller, String source, IncidentSignal signal) {
        return feed.record(caller, signal)
                .flatMap(recorded -> db.sql("UPDATE ingested_events SET incident_id = $4, version = $5, broadcast_id = $6 "
                                + "WHERE tenant_id = $1 AND source = $2 AND dedupe_key = $3")
                        .bind(0, caller.tenant()).bind(1, source).bind(2, signal.dedupeKey())
                        .bind(3, recorded.incidentId()).bind(4, recorded.version())
                        .bind(5, Parameter.fromOrEmpty(recorded.broadcastId() == null ? null
                                : UUID.fromString(recorded.broadcastId()), UUID.class))
                        .then()
                        .thenReturn(new Answer(recorded.incidentId(), recorded.version(), recorded.broadcastId(), false)));
    }

    private Mono<Answer> firstAnswer(String tenant, String source, String key) {
        return db.sql("SELECT incident_id, version, broadcast_id FROM ingested_events "
                        + "WHERE tenant_id = $1 AND source = $2 AND dedupe_key = $3")
                .bind(0, tenant).bind(1, source).bind(2, key)
                .map(row -> {
                    UUID broadcast = row.get("broadcast_id", UUID.class);
                    return new Answer(row.get("incident_id", String.class), row.get("version", Integer.class),
                            broadcast == null ? null : broadcast.toString(), true);
                })
                .one();
    }
}
