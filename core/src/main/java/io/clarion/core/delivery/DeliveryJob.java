package io.clarion.core.delivery;

import static java.util.Objects.requireNonNull;

import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.core.channel.Channel;

/**
 * One (recipient, channel) delivery of one incident update: the record on {@code clarion.deliveries}.
 * It carries everything a sink needs, so delivering needs no database read; update content is
 * immutable once stored, so the copy cannot go stale. {@code destination} is the contact point for
 * the channel (a URL, an address, a number, a token) or {@code null} when the recipient has none.
 * {@code tenant} owns the broadcast and the recipient: it scopes every lookup, Redis key and the per-tenant rate limit.
 * {@code attempt} counts sends of this delivery: 1 first, one more each time it comes back from the retry
 * topic (a record without it, as written before retries existed, reads as 1). {@code unusable} is set when the
 * contact point was marked unusable by an earlier provider answer (the reason then): the delivery is
 * suppressed without a send.
 * {@code recipient} is what a template may say about the recipient and the locale it reads ({@code null} in records
 * written before templates: no locale, no tier, no attributes); {@code message} is set by the render stage when the
 * update names a template, and the senders then send it instead of their built-in text.
 * The webhook secret is never printed by {@link #toString()}.
 */
public record DeliveryJob(String broadcastId, String incidentId, int version, String recipientId,
                          Channel channel, UpdateContent content, String destination, String secret,
                          String tenant, int attempt, String unusable, RecipientContext recipient,
                          RenderedMessage message) {
    public DeliveryJob {
        requireNonNull(broadcastId, "broadcastId");
        requireNonNull(incidentId, "incidentId");
        requireNonNull(recipientId, "recipientId");
        requireNonNull(channel, "channel");
        requireNonNull(content, "content");
        tenant = tenant == null ? BroadcastJob.DEFAULT_TENANT : tenant;
        recipient = recipient == null ? new RecipientContext(null, null, null) : recipient;
        attempt = Math.max(attempt, 1);
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " (expected: > 0)");
        }
    }

    /** A first attempt. */
    public DeliveryJob(String broadcastId, String incidentId, int version, String recipientId, Channel channel,
                       UpdateContent content, String destination, String secret, String tenant) {
        this(broadcastId, incidentId, version, recipientId, channel, content, destination, secret, tenant, 1, null);
    }

    /** A delivery to a contact point not known to be unusable. */
    public DeliveryJob(String broadcastId, String incidentId, int version, String recipientId, Channel channel,
                       UpdateContent content, String destination, String secret, String tenant, int attempt) {
        this(broadcastId, incidentId, version, recipientId, channel, content, destination, secret, tenant, attempt,
                null);
    }

    /** A delivery as the expansion makes it, before rendering. */
    public DeliveryJob(String broadcastId, String incidentId, int version, String recipientId, Channel channel,
                       UpdateContent content, String destination, String secret, String tenant, int attempt,
                       String unusable) {
        this(broadcastId, incidentId, version, recipientId, channel, content, destination, secret, tenant, attempt,
                unusable, null, null);
    }

    /**
     * The recipient as Redis keys and Kafka record keys name it: recipient ids are unique per tenant only,
     * so every key that holds a recipient carries its tenant ({@code '/'} is in neither kind of id).
     */
    public String recipientKey() {
        return recipientKey(tenant, recipientId);
    }

    public static String recipientKey(String tenant, String recipientId) {
        return tenant + "/" + recipientId;
    }

    /** The same delivery, one attempt later: what the retry topic sends back. */
    public DeliveryJob nextAttempt() {
        return new DeliveryJob(broadcastId, incidentId, version, recipientId, channel, content, destination, secret,
                tenant, attempt + 1, unusable, recipient, message);
    }

    /**
     * The same delivery saying {@code rendered} instead: what the render stage hands on (redacted content); this very
     * job when {@code rendered} is its content.
     */
    public DeliveryJob withContent(UpdateContent rendered) {
        if (rendered == content) {
            return this;
        }
        return new DeliveryJob(broadcastId, incidentId, version, recipientId, channel, rendered, destination, secret,
                tenant, attempt, unusable, recipient, message);
    }

    /**
     * The same delivery sending {@code rendered} (a template's message for its channel and locale); this very job
     * when {@code rendered} is its message.
     */
    public DeliveryJob withMessage(RenderedMessage rendered) {
        if (rendered == message) {
            return this;
        }
        return new DeliveryJob(broadcastId, incidentId, version, recipientId, channel, content, destination, secret,
                tenant, attempt, unusable, recipient, rendered);
    }

    /** The stable id of this delivery: the same on every retry and redelivery, see {@link MessageId}. */
    public String messageId() {
        return MessageId.of(recipientId, channel, incidentId, version);
    }

    @Override
    public String toString() {
        return "DeliveryJob[broadcast=" + broadcastId + ", incident=" + incidentId + ", version=" + version
                + ", recipient=" + recipientId + ", channel=" + channel.wireName() + ", attempt=" + attempt + "]";
    }
}
