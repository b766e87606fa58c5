package io.clarion.gateway.broadcast;

import io.r2dbc.postgresql.codec.Json;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Broadcast rows, per tenant: written once by the gateway, their status and counters advanced by dispatchers. */
@Component
class BroadcastStore {
    private final DatabaseClient db;

    BroadcastStore(DatabaseClient db) {
        this.db = db;
    }

    record Counts(long targeted, long sent, long failed, long superseded, long suppressed, long pending) {
    }

    record BroadcastView(UUID id, String incidentId, int version, String status, Counts counts) {
    }

    /** The version to broadcast: the requested one if it exists, the latest when none was requested. */
    Mono<Integer> resolveVersion(String tenant, String incidentId, Integer requested) {
        return db.sql("SELECT latest_version FROM incidents WHERE tenant_id = $2 AND id = $1")
                .bind(0, incidentId).bind(1, tenant)
                .map(row -> row.get("latest_version", Integer.class))
                .one()
                .map(latest -> requested == null ? latest : (requested <= latest ? requested : -latest));
    }

    Mono<Void> insert(String tenant, UUID id, String incidentId, int version, String audienceJson,
                      List<String> channels, long apiKeyId) {
        return db.sql("""
                        INSERT INTO broadcasts (tenant_id, id, incident_id, version, audience, channels, api_key_id)
                        VALUES ($7, $1, $2, $3, $4, $5, $6)""")
                .bindValues(List.of(id, incidentId, version, Json.of(audienceJson), channels.toArray(String[]::new),
                        apiKeyId, tenant))
                .then();
    }

    Mono<BroadcastView> find(String tenant, UUID id) {
        return db.sql("""
                        SELECT id, incident_id, version, status, targeted, sent, failed, superseded, suppressed
                        FROM broadcasts WHERE tenant_id = $2 AND id = $1""")
                .bind(0, id).bind(1, tenant)
                .map(row -> {
                    long targeted = row.get("targeted", Long.class);
                    long sent = row.get("sent", Long.class);
                    long failed = row.get("failed", Long.class);
                    long superseded = row.get("superseded", Long.class);
                    long suppressed = row.get("suppressed", Long.class);
                    long pending = Math.max(0, targeted - sent - failed - superseded - suppressed);
                    return new BroadcastView(row.get("id", UUID.class), row.get("incident_id", String.class),
                            row.get("version", Integer.class), row.get("status", String.class),
                            new Counts(targeted, sent, failed, superseded, suppressed, pending));
                })
                .one();
    }
}
