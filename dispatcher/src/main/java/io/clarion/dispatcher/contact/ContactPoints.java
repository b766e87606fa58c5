package io.clarion.dispatcher.contact;

import io.clarion.core.delivery.DeliveryJob;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Contact points a provider refused for good (invalid or STOP-ed number, unregistered device token,
 * {@code 410 Gone} webhook). They are keyed by the destination itself, so later broadcasts skip the
 * contact point with the reason (see the expansion) until the recipient's contact point is changed.
 * Marking is idempotent: a redelivered outcome marks it again.
 */
@Component
public class ContactPoints {
    private final DatabaseClient db;

    ContactPoints(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> markUnusable(DeliveryJob job, String reason) {
        if (job.destination() == null) {
            return Mono.empty();
        }
        return db.sql("INSERT INTO unusable_contacts (tenant_id, recipient_id, channel, destination, reason) "
                        + "VALUES ($5, $1, $2, $3, $4) ON CONFLICT (tenant_id, recipient_id, channel, destination) "
                        + "DO UPDATE SET reason = EXCLUDED.reason, "
                        + "marked_at = now()")
                .bind(0, job.recipientId()).bind(1, job.channel().wireName()).bind(2, job.destination()).bind(3, reason)
                .bind(4, job.tenant())
                .then();
    }
}
