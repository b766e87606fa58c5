package io.clarion.gateway.definition;

import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.http.JsonBodies;
import io.r2dbc.postgresql.codec.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * A tenant's named definitions kept as JSON in one table ({@code tenant_id, name, definition, updated_at}, primary
 * key {@code (tenant_id, name)}): playbooks, blackouts. A put creates or replaces, a delete removes; each change is
 * audited ({@code <kind>.created|replaced|deleted} on {@code <kind>/<name>}, with the definition) in the same
 * transaction, so the audit log never misses or invents a change.
 *
 * @param <T> the definition's type, read and written as JSON
 */
public final class NamedDefinitions<T> {
    private final DatabaseClient db;
    private final JsonBodies json;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final String table;
    private final String kind;
    private final TypeReference<T> type;

    /**
     * @param table a table name of this code base (never input): it is written into the statements
     * @param kind  the audit's name for one definition ({@code playbook}, {@code blackout})
     */
    public NamedDefinitions(DatabaseClient db, JsonBodies json, TransactionalOperator tx, AuditLog audit, String table,
                            String kind, TypeReference<T> type) {
        this.db = Objects.requireNonNull(db, "db");
        this.json = Objects.requireNonNull(json, "json");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("table: " + table + " (expected: a table name)");
        }
        this.table = table;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Creates or replaces the caller's tenant's definition {@code name}; emits whether it was created. */
    public Mono<Boolean> put(Caller caller, String name, T definition) {
        String written = json.write(definition);
        return db.sql("INSERT INTO " + table + " (tenant_id, name, definition) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (tenant_id, name) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now() "
                        + "RETURNING (xmax = 0) AS created")
                .bindValues(List.of(caller.tenant(), name, Json.of(written)))
                .map(row -> row.get("created", Boolean.class))
                .one()
                .flatMap(created -> audit.record(caller, kind + (created ? ".created" : ".replaced"), kind + "/" + name,
                        Map.of("definition", written)).thenReturn(created))
                .as(tx::transactional);
    }

    /** Deletes the caller's tenant's definition {@code name}; emits whether it existed. */
    public Mono<Boolean> delete(Caller caller, String name) {
        return db.sql("DELETE FROM " + table + " WHERE tenant_id = $1 AND name = $2")
                .bind(0, caller.tenant()).bind(1, name)
                .fetch().rowsUpdated()
                .flatMap(deleted -> deleted == 0 ? Mono.just(false)
                        : audit.record(caller, kind + ".deleted", kind + "/" + name, Map.of()).thenReturn(true))
                .as(tx::transactional);
    }

    /** The tenant's definition {@code name}; empty when it has none. */
    public Mono<T> find(String tenant, String name) {
        return db.sql("SELECT definition FROM " + table + " WHERE tenant_id = $1 AND name = $2")
                .bind(0, tenant).bind(1, name)
                .map(row -> read(row.get("definition", Json.class)))
                .one();
    }

    /** Every definition of the tenant, by name (a tenant has a handful). */
    public Mono<List<T>> all(String tenant) {
        return db.sql("SELECT definition FROM " + table + " WHERE tenant_id = $1 ORDER BY name")
                .bind(0, tenant)
                .map(row -> read(row.get("definition", Json.class)))
                .all()
                .collectList();
    }

    private T read(Json stored) {
        return json.read(stored.asString(), type);
    }
}
