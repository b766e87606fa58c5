package io.clarion.gateway.segment;

import io.clarion.core.audience.AudienceSql;
import io.clarion.core.audience.SegmentRule;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.http.JsonBodies;
import io.r2dbc.postgresql.codec.Json;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * Segments in PostgreSQL: named {@link SegmentRule}s per tenant, stored as the JSON of their match keys; a rule
 * that matches every recipient is stored without keys, which reads back as {@link SegmentRule#ALL}.
 */
@Component
public class SegmentStore {
    private static final TypeReference<Map<String, List<String>>> RULE = new TypeReference<>() { };

    private final DatabaseClient db;
    private final JsonBodies json;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    SegmentStore(DatabaseClient db, JsonBodies json, TransactionalOperator tx, AuditLog audit) {
        this.db = db;
        this.json = json;
        this.tx = tx;
        this.audit = audit;
    }

    /** Creates or replaces a segment; emits whether it was created. */
    Mono<Boolean> upsert(Caller caller, String name, SegmentRule rule) {
        return store(caller.tenant(), name, rule)
                .flatMap(created -> audit.record(caller, created ? "segment.created" : "segment.replaced",
                        "segment/" + name, Map.of("match", rule.match(), "all", rule.all())).thenReturn(created))
                .as(tx::transactional);
    }

    private Mono<Boolean> store(String tenant, String name, SegmentRule rule) {
        return db.sql("""
                        INSERT INTO segments (tenant_id, name, rule) VALUES ($3, $1, $2)
                        ON CONFLICT (tenant_id, name) DO UPDATE SET rule = EXCLUDED.rule, updated_at = now()
                        RETURNING (xmax = 0) AS created""")
                .bind(0, name)
                .bind(1, Json.of(json.write(rule.match())))
                .bind(2, tenant)
                .map(row -> row.get("created", Boolean.class))
                .one();
    }

    /** The tenant's segments that exist among {@code names}, by name. */
    public Mono<Map<String, SegmentRule>> findAll(String tenant, Collection<String> names) {
        return db.sql("SELECT name, rule FROM segments WHERE tenant_id = $2 AND name = ANY($1)")
                .bind(0, names.toArray(String[]::new))
                .bind(1, tenant)
                .map(row -> Map.entry(row.get("name", String.class), rule(row.get("rule", Json.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<Long> size(String tenant, SegmentRule rule) {
        AudienceSql.Predicate predicate = AudienceSql.compile(List.of(rule), List.of(), 2);
        List<Object> parameters = new java.util.ArrayList<>(List.of(tenant));
        parameters.addAll(predicate.parameters());
        return db.sql("SELECT count(*) AS n FROM recipients WHERE tenant_id = $1 AND " + predicate.sql())
                .bindValues(parameters)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private SegmentRule rule(Json stored) {
        return new SegmentRule(json.read(stored.asString(), RULE));
    }
}
