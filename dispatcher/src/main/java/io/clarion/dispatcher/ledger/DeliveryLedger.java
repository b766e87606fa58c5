package io.clarion.dispatcher.ledger;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.digest.Sha256;
import io.clarion.core.sql.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records final delivery outcomes: one statement per batch appends the archive rows and advances each
 * broadcast's counters by the rows actually inserted. A redelivered outcome conflicts on (broadcast,
 * recipient, channel) and counts nothing, so counters stay exact under at-least-once delivery. The
 * same statement completes a broadcast whose outcomes now cover everything it targeted.
 */
@Component
public class DeliveryLedger {
    private static final int COLUMNS = 11;
    private static final String STATEMENT = """
            WITH inserted AS (
              INSERT INTO deliveries (broadcast_id, recipient_id, channel, incident_id, version, outcome, reason,
                                      message_id, destination, content_hash, attempts)
              VALUES %s
              ON CONFLICT DO NOTHING
              RETURNING broadcast_id, outcome
            ), tally AS (
              SELECT broadcast_id,
                     count(*) FILTER (WHERE outcome = 'sent') AS sent,
                     count(*) FILTER (WHERE outcome = 'failed') AS failed,
                     count(*) FILTER (WHERE outcome = 'superseded') AS superseded,
                     count(*) FILTER (WHERE outcome = 'suppressed') AS suppressed
              FROM inserted GROUP BY broadcast_id
            )
            UPDATE broadcasts b SET
              sent = b.sent + t.sent, failed = b.failed + t.failed,
              superseded = b.superseded + t.superseded, suppressed = b.suppressed + t.suppressed,
              updated_at = now(),
              status = CASE WHEN b.expanded AND b.sent + t.sent + b.failed + t.failed + b.superseded + t.superseded
                                 + b.suppressed + t.suppressed >= b.targeted THEN 'completed' ELSE b.status END,
              completed_at = CASE WHEN b.expanded AND b.sent + t.sent + b.failed + t.failed + b.superseded
                                 + t.superseded + b.suppressed + t.suppressed >= b.targeted THEN now() ELSE b.completed_at END
            FROM tally t WHERE b.id = t.broadcast_id""";

    private final DatabaseClient db;
    private final MeterRegistry metrics;

    DeliveryLedger(DatabaseClient db, MeterRegistry metrics) {
        this.db = db;
        this.metrics = metrics;
    }

    /** A final outcome of one delivery. */
    public record Entry(DeliveryJob job, DeliveryOutcome outcome) {
    }

    /** Makes a batch of outcomes durable; completes only after the commit. */
    public Mono<Void> record(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        List<Object> values = new ArrayList<>(entries.size() * COLUMNS);
        entries.forEach(entry -> values.addAll(values(entry)));
        return db.sql(STATEMENT.formatted(Placeholders.rows(entries.size(), COLUMNS))).bindValues(values).then()
                .doOnSuccess(done -> count(entries));
    }

    /** {@code clarion.deliveries{outcome}}: outcomes made durable by this dispatcher (replays included). */
    private void count(List<Entry> entries) {
        entries.forEach(entry -> metrics.counter("clarion.deliveries", "outcome", entry.outcome().counter()).increment());
    }

    private static List<Object> values(Entry entry) {
        DeliveryJob job = entry.job();
        return List.of(UUID.fromString(job.broadcastId()), job.recipientId(), job.channel().wireName(),
                job.incidentId(), job.version(), entry.outcome().counter(),
                Parameter.fromOrEmpty(entry.outcome().reason(), String.class), job.messageId(),
                Parameter.fromOrEmpty(job.destination(), String.class), contentHash(job), job.attempt());
    }

    private static byte[] contentHash(DeliveryJob job) {
        var content = job.content();
        String text = content.severity() + '\u0000' + content.status() + '\u0000' + content.title() + '\u0000'
                + content.body();
        return Sha256.of(text);
    }
}
