package io.clarion.gateway.playbook;

import io.clarion.core.playbook.Playbook;
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

/** A tenant's playbooks in PostgreSQL; each change is audited in its transaction. */
@Component
class PlaybookStore {
    private final DatabaseClient db;
    private final JsonBodies json;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    PlaybookStore(DatabaseClient db, JsonBodies json, TransactionalOperator tx, AuditLog audit) {
        this.db = db;
        this.json = json;
        this.tx = tx;
        this.audit = audit;
    }

    /** Creates or replaces a playbook; emits whether it was created. */
    Mono<Boolean> put(Caller caller, Playbook playbook) {
        return db.sql("""
                        INSERT INTO playbooks (tenant_id, name, definition) VALUES ($1, $2, $3)
                        ON CONFLICT (tenant_id, name) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now()
                        RETURNING (xmax = 0) AS created""")
                .bindValues(List.of(caller.tenant(), playbook.name(), Json.of(json.write(playbook))))
                .map(row -> row.get("created", Boolean.class))
                .one()
                .flatMap(created -> audit.record(caller, created ? "playbook.created" : "playbook.replaced",
                        "playbook/" + playbook.name(), Map.of()).thenReturn(created))
                .as(tx::transactional);
    }

    Mono<Playbook> find(String tenant, String name) {
        return db.sql("SELECT definition FROM playbooks WHERE tenant_id = $1 AND name = $2")
                .bind(0, tenant).bind(1, name)
                .map(row -> read(row.get("definition", Json.class)))
                .one();
    }

    /** Every playbook of the tenant (a tenant has a handful, so all of them are compared in memory). */
    Mono<List<Playbook>> all(String tenant) {
        return db.sql("SELECT definition FROM playbooks WHERE tenant_id = $1 ORDER BY name")
                .bind(0, tenant)
                .map(row -> read(row.get("definition", Json.class)))
                .all()
                .collectList();
    }

    private Playbook read(Json stored) {
        return json.read(stored.asString(), new tools.jackson.core.type.TypeReference<Playbook>() { });
    }
}
