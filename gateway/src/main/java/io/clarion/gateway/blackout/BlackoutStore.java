package io.clarion.gateway.blackout;

import io.clarion.core.blackout.Blackout;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.http.JsonBodies;
import io.r2dbc.postgresql.codec.Json;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/** A tenant's blackouts in PostgreSQL ({@code blackouts}); each change is audited in its transaction. */
@Component
class BlackoutStore {
    private static final TypeReference<Blackout> BLACKOUT = new TypeReference<>() { };

    private final DatabaseClient db;
    private final JsonBodies json;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    BlackoutStore(DatabaseClient db, JsonBodies json, TransactionalOperator tx, AuditLog audit) {
        this.db = db;
        this.json = json;
        this.tx = tx;
        this.audit = audit;
    }

    /** Creates or replaces a blackout; emits whether it was created. */
    Mono<Boolean> put(Caller caller, Blackout blackout) {
        return db.sql("""
                        INSERT INTO blackouts (tenant_id, name, definition) VALUES ($1, $2, $3)
                        ON CONFLICT (tenant_id, name) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now()
                        RETURNING (xmax = 0) AS created""")
                .bindValues(List.of(caller.tenant(), blackout.name(), Json.of(json.write(blackout))))
                .map(row -> row.get("created", Boolean.class))
                .one()
                .flatMap(created -> audit.record(caller, created ? "blackout.created" : "blackout.replaced",
                        "blackout/" + blackout.name(), Map.of("definition", json.write(blackout))).thenReturn(created))
                .as(tx::transactional);
    }

    /** Deletes a blackout; emits whether it existed. */
    Mono<Boolean> delete(Caller caller, String name) {
        return db.sql("DELETE FROM blackouts WHERE tenant_id = $1 AND name = $2")
                .bind(0, caller.tenant()).bind(1, name)
                .fetch().rowsUpdated()
                .flatMap(deleted -> deleted == 0 ? Mono.just(false)
                        : audit.record(caller, "blackout.deleted", "blackout/" + name, Map.of()).thenReturn(true))
                .as(tx::transactional);
    }

    /** Every blackout of the tenant, by name (a tenant has a handful). */
    Mono<List<Blackout>> all(String tenant) {
        return db.sql("SELECT definition FROM blackouts WHERE tenant_id = $1 ORDER BY name")
                .bind(0, tenant)
                .map(row -> json.read(row.get("definition", Json.class).asString(), BLACKOUT))
                .all()
                .collectList();
    }
}
