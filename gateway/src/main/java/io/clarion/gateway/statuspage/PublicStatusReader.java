package io.clarion.gateway.statuspage;

import io.clarion.core.incident.Severity;
import io.clarion.core.redaction.Redactor;
import io.clarion.gateway.component.ComponentStore;
import io.clarion.gateway.settings.SettingsStore;
import io.clarion.gateway.statuspage.PublicStatus.PublicIncident;
import io.clarion.gateway.statuspage.PublicStatus.PublicUpdate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads what a tenant's status page shows: only incidents marked public that have at least one update (an
 * incident with nothing said yet has nothing to show), every unresolved one plus the {@code history} most
 * recent. Called by the cache on a change, never per request.
 * <p>
 * Incident titles and update bodies are read through the tenant's redaction (the built-in rules and the tenant's
 * own, as every message a customer reads): this is the one place they become public text, so the page, the
 * Statuspage JSON and the Atom feed, and the cache behind them, never hold them unredacted.
 */
@Component
class PublicStatusReader {
    private final DatabaseClient db;
    private final ComponentStore components;
    private final SettingsStore settings;
    private final int history;

    PublicStatusReader(DatabaseClient db, ComponentStore components, SettingsStore settings,
                       StatusPageProperties properties) {
        this.db = db;
        this.components = components;
        this.settings = settings;
        this.history = properties.history();
    }

    private record Tenant(String name, Instant createdAt) {
    }

    /** The tenant's public status, or empty when there is no such tenant. */
    Mono<PublicStatus> read(String tenant) {
        return tenant(tenant).flatMap(found -> Mono.zip(components.list(tenant), settings.find(tenant)
                        .flatMap(tenantSettings -> incidents(tenant, tenantSettings.redaction().redactor())))
                .map(parts -> new PublicStatus(tenant, found.name(), found.createdAt(), parts.getT1(), parts.getT2())));
    }

    private Mono<Tenant> tenant(String tenant) {
        return db.sql("SELECT name, created_at FROM tenants WHERE id = $1").bind(0, tenant)
                .map(row -> new Tenant(row.get("name", String.class), row.get("created_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    private record IncidentRow(String id, String title, String severity, String[] services, Instant createdAt,
                               Instant updatedAt) {
    }

    private Mono<List<PublicIncident>> incidents(String tenant, Redactor redactor) {
        return db.sql("""
                        SELECT * FROM (
                            (SELECT i.id, i.title, i.severity, i.services, i.created_at, i.updated_at, u.created_at AS latest_at
                               FROM incidents i JOIN incident_updates u ON u.tenant_id = i.tenant_id AND u.incident_id = i.id
                                                                       AND u.version = i.latest_version
                              WHERE i.tenant_id = $1 AND i.public AND u.status <> 'resolved')
                            UNION
                            (SELECT i.id, i.title, i.severity, i.services, i.created_at, i.updated_at, u.created_at AS latest_at
                               FROM incidents i JOIN incident_updates u ON u.tenant_id = i.tenant_id AND u.incident_id = i.id
                                                                       AND u.version = i.latest_version
                              WHERE i.tenant_id = $1 AND i.public
                              ORDER BY u.created_at DESC, i.id LIMIT $2)) shown
                        ORDER BY latest_at DESC, id""")
                .bind(0, tenant).bind(1, history)
                .map(row -> new IncidentRow(row.get("id", String.class), redactor.redact(row.get("title", String.class), null),
                        row.get("severity", String.class), row.get("services", String[].class),
                        row.get("created_at", OffsetDateTime.class).toInstant(),
                        row.get("updated_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(List.of()) : withUpdates(tenant, rows, redactor));
    }

    private Mono<List<PublicIncident>> withUpdates(String tenant, List<IncidentRow> rows, Redactor redactor) {
        return db.sql("""
                        SELECT incident_id, version, status, body, created_at FROM incident_updates
                        WHERE tenant_id = $1 AND incident_id = ANY ($2) ORDER BY incident_id, version DESC""")
                .bind(0, tenant).bind(1, rows.stream().map(IncidentRow::id).toArray(String[]::new))
                .map(row -> new PublicUpdate(row.get("incident_id", String.class), row.get("version", Integer.class),
                        row.get("status", String.class), redactor.redact(row.get("body", String.class), null),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all()
                .collect(Collectors.groupingBy(PublicUpdate::incidentId))
                .map(updates -> rows.stream().map(row -> incident(row, updates)).toList());
    }

    private static PublicIncident incident(IncidentRow row, Map<String, List<PublicUpdate>> updates) {
        return new PublicIncident(row.id(), row.title(), Severity.parse(row.severity()).orElseThrow(),
                List.of(row.services()), row.createdAt(), row.updatedAt(), List.copyOf(updates.get(row.id())));
    }
}
