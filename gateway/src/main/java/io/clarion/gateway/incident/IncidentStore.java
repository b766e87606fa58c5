package io.clarion.gateway.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clarion.gateway.incident.IncidentRequests.IncidentRequest;
import io.clarion.gateway.incident.IncidentRequests.UpdateRequest;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Incidents and their updates. A new update's version comes from incrementing the incident's
 * {@code latest_version} in the same transaction that stores the update: the row lock serializes
 * concurrent posts, so they get distinct, strictly increasing versions with no gaps.
 */
@Component
class IncidentStore {
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    IncidentStore(DatabaseClient db, TransactionalOperator tx, AuditLog audit, ApplicationEventPublisher events) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
    }

    record IncidentView(String id, String title, String severity, List<String> tags, List<String> services,
                        @JsonProperty("public") boolean isPublic, int latestVersion, LatestUpdate latest) {
    }

    record LatestUpdate(int version, String status, String body, OffsetDateTime createdAt) {
    }

    /** {@code broadcastId} is the broadcast a playbook started for this version, or null. */
    record Version(String incidentId, int version, String broadcastId) {
        Version(String incidentId, int version) {
            this(incidentId, version, null);
        }
    }

    /** Creates or replaces an incident's description; emits whether it was created. */
    Mono<Boolean> upsert(Caller caller, String id, IncidentRequest incident) {
        return store(caller.tenant(), id, incident)
                .flatMap(created -> audit.record(caller, created ? "incident.created" : "incident.replaced",
                        "incident/" + id, Map.of("severity", incident.severity())).thenReturn(created))
                .as(tx::transactional)
                .delayUntil(committed -> announce(caller.tenant(), id));
    }

    private Mono<Boolean> store(String tenant, String id, IncidentRequest incident) {
        return db.sql("""
                        INSERT INTO incidents (tenant_id, id, title, severity, tags, services, public)
                        VALUES ($6, $1, $2, $3, $4, $5, coalesce($7, true))
                        ON CONFLICT (tenant_id, id) DO UPDATE SET title = EXCLUDED.title, severity = EXCLUDED.severity,
                            tags = EXCLUDED.tags, services = EXCLUDED.services,
                            public = coalesce($7, incidents.public), updated_at = now()
                        RETURNING (xmax = 0) AS created""")
                .bindValues(List.of(id, incident.title(), incident.severity(),
                        incident.tagsOrEmpty().toArray(String[]::new), incident.servicesOrEmpty().toArray(String[]::new), tenant,
                        Parameter.fromOrEmpty(incident.isPublic(), Boolean.class)))
                .map(row -> row.get("created", Boolean.class))
                .one();
    }

    /** Stores an update as the incident's next version; empty when the incident does not exist. */
    Mono<Version> addUpdate(Caller caller, String id, UpdateRequest update, Map<String, Integer> templateVersions) {
        return nextVersion(caller.tenant(), id)
                .flatMap(version -> storeUpdate(caller.tenant(), id, version, update, templateVersions)
                        .then(audit.record(caller, "incident.updated", "incident/" + id,
                                Map.of("version", version, "status", update.status())))
                        .thenReturn(new Version(id, version)))
                .as(tx::transactional)
                .delayUntil(committed -> announce(caller.tenant(), id));
    }

    /** Tells this gateway's readers (the status page cache) that the incident changed, once the change committed. */
    private Mono<Void> announce(String tenant, String id) {
        return Mono.fromRunnable(() -> events.publishEvent(new IncidentChanged(tenant, id)));
    }

    private Mono<Integer> nextVersion(String tenant, String id) {
        return db.sql("UPDATE incidents SET latest_version = latest_version + 1, updated_at = now() "
                        + "WHERE tenant_id = $2 AND id = $1 RETURNING latest_version")
                .bind(0, id).bind(1, tenant)
                .map(row -> row.get("latest_version", Integer.class))
                .one();
    }

    /** {@code templateVersions}: the pinned version per template locale, stored with the update ({@code {"en": 2}}). */
    private Mono<Void> storeUpdate(String tenant, String id, int version, UpdateRequest update,
                                   Map<String, Integer> templateVersions) {
        Map<String, String> variables = update.variables() == null ? Map.of() : update.variables();
        List<String> locales = List.copyOf(templateVersions.keySet());
        return db.sql("""
                        INSERT INTO incident_updates (tenant_id, incident_id, version, status, body, title, severity,
                                                      template, template_variables, template_versions)
                        SELECT tenant_id, id, $2, $3, $4, title, severity, $6::text,
                               CASE WHEN $6::text IS NULL THEN NULL ELSE jsonb_object($7::text[], $8::text[]) END,
                               CASE WHEN $6::text IS NULL THEN NULL ELSE
                                   (SELECT jsonb_object_agg(p.locale, p.version)
                                    FROM unnest($9::text[], $10::int[]) AS p(locale, version)) END
                        FROM incidents WHERE tenant_id = $5 AND id = $1""")
                .bindValues(List.of(id, version, update.status(), update.body(), tenant,
                        Parameter.fromOrEmpty(update.template(), String.class),
                        variables.keySet().toArray(String[]::new),
                        variables.keySet().stream().map(variables::get).toArray(String[]::new),
                        locales.toArray(String[]::new), locales.stream().map(templateVersions::get).toArray(Integer[]::new)))
                .then();
    }

    Mono<IncidentView> find(String tenant, String id) {
        return db.sql("""
                        SELECT i.id, i.title, i.severity, i.tags, i.services, i.public, i.latest_version,
                               u.status, u.body, u.created_at
                        FROM incidents i
                        LEFT JOIN incident_updates u
                               ON u.tenant_id = i.tenant_id AND u.incident_id = i.id AND u.version = i.latest_version
                        WHERE i.tenant_id = $2 AND i.id = $1""")
                .bind(0, id).bind(1, tenant)
                .map(row -> {
                    int latest = row.get("latest_version", Integer.class);
                    LatestUpdate update = latest == 0 ? null : new LatestUpdate(latest, row.get("status", String.class),
                            row.get("body", String.class), row.get("created_at", OffsetDateTime.class));
                    return new IncidentView(row.get("id", String.class), row.get("title", String.class),
                            row.get("severity", String.class), List.of(row.get("tags", String[].class)),
                            List.of(row.get("services", String[].class)), row.get("public", Boolean.class), latest, update);
                })
                .one();
    }
}
