package io.clarion.dispatcher.ledger;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records deliveries that wait without using an attempt (a blackout, a recipient's anti-fatigue limit, an open
 * circuit) in {@code deferred_deliveries}: one row per (broadcast, recipient, channel) with the latest reason, when
 * it is due again and how many times it waited. One statement per batch, rows as one array per column. A row whose
 * delivery has no final outcome yet is a delivery waiting now: the broadcast's {@code deferred} count; every row is
 * a deferral the KPIs report by reason. Recorded before the deferral's record is acknowledged, so a crash replays it
 * (the upsert counts a replay as one more wait, nothing else).
 */
@Component
public class DeferralLedger {
    private static final String STATEMENT = """
            INSERT INTO deferred_deliveries (broadcast_id, recipient_id, channel, tenant_id, reason, due_at)
            SELECT broadcast_id, recipient_id, channel, tenant_id, reason, now() + make_interval(secs => wait_seconds)
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[])
                 AS row (broadcast_id, recipient_id, channel, tenant_id, reason, wait_seconds)
            ON CONFLICT (broadcast_id, recipient_id, channel) DO UPDATE SET reason = EXCLUDED.reason,
              due_at = EXCLUDED.due_at, last_deferred_at = now(), times = deferred_deliveries.times + 1""";

    private final DatabaseClient db;

    DeferralLedger(DatabaseClient db) {
        this.db = db;
    }

    /** A delivery deferred with {@code later} (a {@code RetryLater} that uses no attempt). */
    public record Deferral(DeliveryJob job, DeliveryOutcome.RetryLater later) {
    }

    /** Makes a batch of deferrals durable; completes only after the commit. */
    public Mono<Void> record(List<Deferral> deferrals) {
        if (deferrals.isEmpty()) {
            return Mono.empty();
        }
        int n = deferrals.size();
        UUID[] broadcasts = new UUID[n];
        String[] recipients = new String[n];
        String[] channels = new String[n];
        String[] tenants = new String[n];
        String[] reasons = new String[n];
        Double[] waits = new Double[n];
        for (int i = 0; i < n; i++) {
            DeliveryJob job = deferrals.get(i).job();
            broadcasts[i] = UUID.fromString(job.broadcastId());
            recipients[i] = job.recipientId();
            channels[i] = job.channel().wireName();
            tenants[i] = job.tenant();
            reasons[i] = deferrals.get(i).later().reason();
            waits[i] = deferrals.get(i).later().after().toMillis() / 1000.0;
        }
        return db.sql(STATEMENT).bindValues(List.of(broadcasts, recipients, channels, tenants, reasons, waits))
                .fetch().rowsUpdated().then();
    }
}
