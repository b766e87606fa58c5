package io.clarion.gateway.component;

import io.clarion.core.incident.Severity;
import io.clarion.core.statuspage.ComponentStatus;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A tenant's status page components. A component's status is derived when read, from the most severe unresolved
 * public incident on its service (an incident counts once it has an update and while its latest update is not
 * {@code resolved}), unless set by hand; so it can never lag behind the incidents it is derived from.
 */
@Component
public class ComponentStore {
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ComponentStore(DatabaseClient db, TransactionalOperator tx, AuditLog audit, ApplicationEventPublisher events) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
    }

    /** Creates or replaces a component; emits whether it was created. */
    Mono<Boolean> upsert(Caller caller, String id, ComponentRequest component) {
        return db.sql("""
                        INSERT INTO components (tenant_id, id, name, service, group_name, status) VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, service = EXCLUDED.service,
                            group_name = EXCLUDED.group_name, status = EXCLUDED.status, updated_at = now()
                        RETURNING (xmax = 0) AS created""")
                .bindValues(List.of(caller.tenant(), id, component.name(), component.service(),
                        Parameter.fromOrEmpty(component.group(), String.class),
                        Parameter.fromOrEmpty(component.status(), String.class)))
                .map(row -> row.get("created", Boolean.class))
                .one()
                .flatMap(created -> audit.record(caller, created ? "component.created" : "component.replaced",
                        "component/" + id, detail(component)).thenReturn(created))
                .as(tx::transactional)
                .delayUntil(committed -> Mono.fromRunnable(() -> events.publishEvent(new ComponentChanged(caller.tenant(), id))));
    }

    private static Map<String, Object> detail(ComponentRequest component) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("service", component.service());
        detail.put("status", component.status() == null ? "derived" : component.status());
        return detail;
    }

    /** Every component of the tenant with its current status, by group (ungrouped first), then name. */
    public Mono<List<ComponentView>> list(String tenant) {
        return db.sql("""
                        SELECT c.id, c.name, c.service, c.group_name, c.status, c.created_at, c.updated_at,
                               (SELECT min(i.severity) FROM incidents i
                                  JOIN incident_updates u ON u.tenant_id = i.tenant_id AND u.incident_id = i.id
                                                         AND u.version = i.latest_version
                                 WHERE i.tenant_id = c.tenant_id AND i.public AND u.status <> 'resolved'
                                   AND c.service = ANY (i.services)) AS worst
                        FROM components c WHERE c.tenant_id = $1
                        ORDER BY c.group_name NULLS FIRST, c.name, c.id""")
                .bind(0, tenant)
                .map(row -> view(row.get("id", String.class), row.get("name", String.class), row.get("service", String.class),
                        row.get("group_name", String.class), row.get("status", String.class), row.get("worst", String.class),
                        row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class)))
                .all()
                .collectList();
    }

    Mono<ComponentView> find(String tenant, String id) {
        return list(tenant).flatMap(all -> Mono.justOrEmpty(all.stream().filter(c -> c.id().equals(id)).findFirst()));
    }

    private static ComponentView view(String id, String name, String service, String group, String manual, String worst,
                                      OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        String status = manual != null ? manual
                : ComponentStatus.derivedFrom(worst == null ? null : Severity.parse(worst).orElseThrow()).wireName();
        return new ComponentView(id, name, service, group, status, manual != null ? "manual" : "derived", createdAt, updatedAt);
    }
}
