package io.clarion.gateway.template;

import io.clarion.core.delivery.RecipientContext;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.gateway.problem.ProblemException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What a preview renders: one update of an incident and the recipients it is previewed for, of one tenant. */
@Component
class PreviewReads {
    private final DatabaseClient db;

    PreviewReads(DatabaseClient db) {
        this.db = db;
    }

    record Update(String incidentId, int version, UpdateContent content) {
    }

    record Recipient(String email, RecipientContext context) {
    }

    /** Update {@code version} ({@code null}: the latest) of the incident; errors 404 when there is none. */
    Mono<Update> update(String tenant, String incidentId, Integer version) {
        return db.sql("""
                        SELECT version, severity, status, title, body, template,
                               ARRAY(SELECT k FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS names,
                               ARRAY(SELECT v FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS vals,
                               ARRAY(SELECT k FROM jsonb_each_text(template_versions) AS e(k, v) ORDER BY k) AS locales,
                               ARRAY(SELECT v::int FROM jsonb_each_text(template_versions) AS e(k, v) ORDER BY k) AS pins
                        FROM incident_updates WHERE tenant_id = $1 AND incident_id = $2
                          AND version = coalesce($3, (SELECT latest_version FROM incidents
                                                      WHERE tenant_id = $1 AND id = $2))""")
                .bind(0, tenant).bind(1, incidentId)
                .bind(2, Parameter.fromOrEmpty(version, Integer.class))
                .map(row -> new Update(incidentId, row.get("version", Integer.class), new UpdateContent(
                        row.get("severity", String.class), row.get("status", String.class), row.get("title", String.class),
                        row.get("body", String.class), row.get("template", String.class),
                        zip(row.get("names", String[].class), row.get("vals", String[].class)),
                        zip(row.get("locales", String[].class), row.get("pins", Integer[].class)))))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("update " + version
                        + " of incident '" + incidentId + "'")));
    }

    /** The recipients among {@code ids} that exist, by id. */
    Mono<Map<String, Recipient>> recipients(String tenant, List<String> ids) {
        return db.sql("""
                        SELECT id, email, locale, tier,
                               ARRAY(SELECT a.key FROM jsonb_each(attributes) a WHERE jsonb_typeof(a.value) = 'string'
                                     ORDER BY a.key) AS names,
                               ARRAY(SELECT a.value #>> '{}' FROM jsonb_each(attributes) a
                                     WHERE jsonb_typeof(a.value) = 'string' ORDER BY a.key) AS vals
                        FROM recipients WHERE tenant_id = $1 AND id = ANY ($2) ORDER BY id""")
                .bind(0, tenant).bind(1, ids.toArray(String[]::new))
                .map(row -> Map.entry(row.get("id", String.class), new Recipient(row.get("email", String.class),
                        new RecipientContext(row.get("locale", String.class), row.get("tier", String.class),
                                zip(row.get("names", String[].class), row.get("vals", String[].class))))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    private static <V> Map<String, V> zip(String[] names, V[] values) {
        Map<String, V> zipped = new HashMap<>();
        for (int i = 0; names != null && i < names.length; i++) {
            zipped.put(names[i], values[i]);
        }
        return zipped;
    }
}
