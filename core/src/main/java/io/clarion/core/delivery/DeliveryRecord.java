package io.clarion.core.delivery;

import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.core.channel.Channel;

/**
 * A delivery as it travels on {@code clarion.deliveries}: a {@link DeliveryJob} whose update {@code content} the
 * expansion leaves out ({@link #lean}): every delivery of one update says the same, so the dispatcher reads an
 * update's content once and keeps it (an update is immutable once stored), and the records stay small. A record
 * with its content (a retry brings back the rendered job; records written before lean records) reads as it is.
 * The JSON fields are {@link DeliveryJob}'s, so either form reads as the other.
 */
public record DeliveryRecord(String broadcastId, String incidentId, int version, String recipientId,
                             Channel channel, UpdateContent content, String destination, String secret,
                             String tenant, int attempt, String unusable, RecipientContext recipient,
                             RenderedMessage message) {

    /** The record the expansion publishes: the job without its update's content. */
    public static DeliveryRecord lean(DeliveryJob job) {
        return new DeliveryRecord(job.broadcastId(), job.incidentId(), job.version(), job.recipientId(),
                job.channel(), null, job.destination(), job.secret(), job.tenant(), job.attempt(), job.unusable(),
                job.recipient(), job.message());
    }

    /** Whether the update's content must be looked up ({@link #withContent}). */
    public boolean needsContent() {
        return content == null;
    }

    /** The job of a record that carries its content. */
    public DeliveryJob job() {
        return withContent(content);
    }

    /** The job, saying {@code updateContent}: the content of update {@code version} of {@code incidentId}. */
    public DeliveryJob withContent(UpdateContent updateContent) {
        return new DeliveryJob(broadcastId, incidentId, version, recipientId, channel, updateContent, destination,
                secret, tenant, attempt, unusable, recipient, message);
    }

    /** The tenant the record names, with the default for records written before tenants. */
    public String tenantOrDefault() {
        return tenant == null ? BroadcastJob.DEFAULT_TENANT : tenant;
    }
}
