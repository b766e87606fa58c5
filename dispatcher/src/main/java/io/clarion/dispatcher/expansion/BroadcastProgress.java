package io.clarion.dispatcher.expansion;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The expansion side of a broadcast row: marks it expanding and records the targeted total when expansion is done. Re-expanding after a crash sets the same total
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
