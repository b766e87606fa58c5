package io.clarion.dispatcher.channel.sms;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.UpdateContent;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What an SMS says and where its status comes back. The text is {@code [SEV1] <title> (<status>): <body> (v3)}:
 * the version is last and short, so two updates of one incident are told apart without crowding the title.
 */
final class SmsText {
    private SmsText() {
    }

    /** The template's text when the update was rendered with one for SMS, else the built-in text. */
    static String render(DeliveryJob job) {
        if (job.message() != null && job.message().text() != null) {
            return job.message().text();
        }
        UpdateContent content = job.content();
        return "[" + content.severity() + "] " + content.title() + " (" + content.status() + "): " + content.body()
                + " (v" + job.version() + ")";
    }

    /**
     * {@code statusCallbackUrl?recipient=..&incident=..&version=..&messageId=..}: Clarion's metadata travels in the
     * callback query, the only per-message field Twilio echoes back, so a status callback names its delivery.
     */
    static String statusCallback(URI statusCallbackUrl, DeliveryJob job) {
        String base = statusCallbackUrl.toString();
        return base + (base.contains("?") ? "&" : "?")
                + "recipient=" + encode(job.recipientId())
                + "&incident=" + encode(job.incidentId())
                + "&version=" + job.version()
                + "&messageId=" + encode(job.messageId());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
