package io.clarion.dispatcher.channel.webhook;

import io.clarion.core.delivery.DeliveryJob;
import java.time.Instant;

/** The JSON body a webhook receiver gets, as API.md specifies; it carries the version so receivers can order. */
record WebhookPayload(String type, String incidentId, int version, String severity, String status, String title,
                      String body, String recipientId, Instant sentAt) {

    static WebhookPayload of(DeliveryJob job, Instant sentAt) {
        var content = job.content();
        return new WebhookPayload("incident.update", job.incidentId(), job.version(), content.severity(),
                content.status(), content.title(), content.body(), job.recipientId(), sentAt);
    }
}
