package io.clarion.gateway.subscriber;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.digest.Sha256;
import io.clarion.core.notice.Notice;
import io.clarion.gateway.kafka.KafkaProperties;
import io.clarion.gateway.outbox.Outbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The double opt-in email: a {@link Notice} with the confirmation link, appended to the outbox in the sign-up's
 * transaction, so it is sent (by the dispatcher's email channel, through SES like every email) exactly when the
 * sign-up committed.
 */
@Component
class ConfirmationNotices {
    private final Outbox outbox;
    private final KafkaProperties kafka;
    private final JsonMapper json;
    private final SubscriberProperties properties;
    private final SubscriberLinks links;

    ConfirmationNotices(Outbox outbox, KafkaProperties kafka, JsonMapper json, SubscriberProperties properties,
                        SubscriberLinks links) {
        this.links = links;
        this.outbox = outbox;
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
    }

    Mono<Void> append(String tenant, String tenantName, String subscriberId, String email, String token) {
        Notice notice = notice(tenant, tenantName, subscriberId, email, token);
        return outbox.append(kafka.noticesTopic(), DeliveryJob.recipientKey(tenant, subscriberId),
                json.writeValueAsString(notice));
    }

    /** Call after the sign-up committed. */
    void nudge() {
        outbox.nudge();
    }

    private Notice notice(String tenant, String tenantName, String subscriberId, String email, String token) {
        String link = links.publicUrl() + "/status/" + encode(tenant)
                + "/subscribers/confirm?token=" + encode(token);
        String subject = "Confirm your subscription to " + tenantName + " status updates";
        String text = "Someone (hopefully you) asked to receive " + tenantName + " status updates at " + email + ".\n\n"
                + "Confirm your subscription: " + link + "\n\n"
                + "The link works for " + properties.confirmValidity().toHours() + " hours. "
                + "If you did not ask for this, ignore this email: nothing will be sent to you.\n";
        String html = "<!DOCTYPE html><html><body>"
                + "<p>Someone (hopefully you) asked to receive " + Pages.escape(tenantName) + " status updates at "
                + Pages.escape(email) + ".</p>"
                + "<p><a href=\"" + Pages.escape(link) + "\">Confirm your subscription</a></p>"
                + "<p>If you did not ask for this, ignore this email: nothing will be sent to you.</p>"
                + "</body></html>";
        String id = "notice_" + HexFormat.of().formatHex(Sha256.of("confirm\u0000" + tenant + "\u0000" + token), 0, 16);
        return new Notice(id, tenant, subscriberId, email, subject, text, html);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
