package io.clarion.dispatcher.expansion;

import io.clarion.core.delivery.UpdateContent;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The expansion side of a broadcast row: marks it expanding, reads the update it announces, and
 * records the targeted total when expansion is done. Re-expanding after a crash sets the same total
 * again (it is not added), so a redelivered broadcast record cannot inflate the counts.
 */
@Component
class BroadcastProgress {
    private final DatabaseClient db;

    BroadcastProgress(DatabaseClient db) {
        this.db = db;
    }

    /** Marks the broadcast expanding; emits false when it was already fully expanded (a redelivery). */
    Mono<Boolean> begin(UUID id) {
        return db.sql("UPDATE broadcasts SET status = 'expanding', updated_at = now() WHERE id = $1 AND NOT expanded "
                        + "RETURNING id")
                .bind(0, id)
                .fetch().rowsUpdated()
                .map(updated -> updated > 0);
    }

    Mono<UpdateContent> content(String tenant, String incidentId, int version) {
        return db.sql("SELECT severity, status, title, body, template, "
                        + "ARRAY(SELECT v FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS variable_values, "
                        + "ARRAY(SELECT k FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS variable_names, "
                        + "ARRAY(SELECT k FROM jsonb_each_text(template_versions) AS e(k, v) ORDER BY k) AS pinned_locales, "
                        + "ARRAY(SELECT v::int FROM jsonb_each_text(template_versions) AS e(k, v) ORDER BY k) AS pinned_versions "
                        + "FROM incident_updates WHERE tenant_id = $3 AND incident_id = $1 AND version = $2")
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

    /** Marks a broadcast that cannot be expanded as failed; its record is in the dead-letter topic. */
    Mono<Void> fail(UUID id) {
        return db.sql("UPDATE broadcasts SET status = 'failed', updated_at = now() WHERE id = $1 AND status <> 'completed'")
                .bind(0, id)
                .then();
    }

    /** Records the total; completes the broadcast at once if every outcome is already recorded. */
    Mono<Void> finish(UUID id, long targeted) {
        return db.sql("""
                        UPDATE broadcasts SET expanded = true, targeted = $2, updated_at = now(),
                          status = CASE WHEN sent + failed + superseded + suppressed >= $2 THEN 'completed'
                                        ELSE 'dispatching' END,
                          completed_at = CASE WHEN sent + failed + superseded + suppressed >= $2 THEN now() ELSE completed_at END
                        WHERE id = $1""")
                .bind(0, id).bind(1, targeted)
                .then();
    }
}
