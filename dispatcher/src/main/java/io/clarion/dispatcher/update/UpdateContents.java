package io.clarion.dispatcher.update;

import io.clarion.core.cache.BoundedCache;
import io.clarion.core.delivery.UpdateContent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What an incident update says, read from {@code incident_updates} once and then kept: an update is immutable once
 * stored, so a kept content never goes stale. The expansion reads it once per broadcast; the delivery pipeline once
 * per update for all the lean records of its broadcasts. A failed or empty read is not kept.
 */
@Component
public class UpdateContents {
    /** Updates kept: the ones being delivered, a few per incident under way. */
    private static final int KEPT = 1024;
    private static final String CONTENT = "SELECT severity, status, title, body, template, "
            + "ARRAY(SELECT v FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS variable_values, "
            + "ARRAY(SELECT k FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS variable_names, "
            + "ARRAY(SELECT k FROM jsonb_each_text(template_versions) AS e(k, v) ORDER BY k) AS pinned_locales, "
            + "ARRAY(SELECT v::int FROM jsonb_each_text(template_versions) AS e(k, v) ORDER BY k) AS pinned_versions "
            + "FROM incident_updates WHERE tenant_id = $3 AND incident_id = $1 AND version = $2";

    private final DatabaseClient db;
    private final BoundedCache<List<Object>, Mono<UpdateContent>> kept = new BoundedCache<>(KEPT);

    UpdateContents(DatabaseClient db) {
        this.db = db;
    }

    /** Update {@code version} of the tenant's incident; empty when there is none. */
    public Mono<UpdateContent> of(String tenant, String incidentId, int version) {
        return kept.computeIfAbsent(List.of(tenant, incidentId, version), key -> read(tenant, incidentId, version)
                .cache(content -> Duration.ofMillis(Long.MAX_VALUE), error -> Duration.ZERO, () -> Duration.ZERO));
    }

    private Mono<UpdateContent> read(String tenant, String incidentId, int version) {
        return db.sql(CONTENT)
                .bind(0, incidentId).bind(1, version).bind(2, tenant)
                .map(row -> new UpdateContent(row.get("severity", String.class), row.get("status", String.class),
                        row.get("title", String.class), row.get("body", String.class), row.get("template", String.class),
                        zip(row.get("variable_names", String[].class), row.get("variable_values", String[].class)),
                        zip(row.get("pinned_locales", String[].class), row.get("pinned_versions", Integer[].class))))
                .one();
    }

    private static <V> Map<String, V> zip(String[] names, V[] values) {
        Map<String, V> variables = new HashMap<>();
        for (int i = 0; names != null && i < names.length; i++) {
            variables.put(names[i], values[i]);
        }
        return variables;
    }
}
