package io.clarion.dispatcher.channel.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.template.ChannelWording;
import java.time.Instant;

/**
 * The JSON body a webhook receiver gets, as API.md specifies; it carries the version so receivers can order.
 * {@code title} and {@code body} are the update's own (redacted); {@code message} is what the recipient reads: the
 * update's template rendered in the recipient's locale for webhooks (redacted), or, without one, the same title and
 * body as the fields above.
 */
record WebhookPayload(String type, String incidentId, int version, String severity, String status, String title,
                      String body, String recipientId, Instant sentAt, Message message) {

    /**
     * The message in the recipient's language: {@code template}, {@code templateVersion} and {@code locale} say
     * what it was rendered from (absent: the built-in text).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(String title, String body, String locale, String template, Integer templateVersion) {
    }

    static WebhookPayload of(DeliveryJob job, Instant sentAt) {
        var content = job.content();
        return new WebhookPayload("incident.update", job.incidentId(), job.version(), content.severity(),
                content.status(), content.title(), content.body(), job.recipientId(), sentAt, message(job));
    }

    /** What the recipient reads ({@link ChannelWording#webhook}: a part the template lacks is the update's own). */
    static Message message(DeliveryJob job) {
        ChannelWording.Titled wording = ChannelWording.webhook(job.content(), job.message());
        RenderedMessage rendered = job.message();
        return rendered == null ? new Message(wording.title(), wording.body(), null, null, null)
                : new Message(wording.title(), wording.body(), rendered.locale(), rendered.template(), rendered.version());
    }
}
