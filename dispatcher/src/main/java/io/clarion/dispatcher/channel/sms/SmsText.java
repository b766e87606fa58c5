package io.clarion.dispatcher.channel.sms;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.template.ChannelWording;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What an SMS says ({@link ChannelWording#sms}) and where its status comes back. */
final class SmsText {
    private SmsText() {
    }

    /** The template's text when the update was rendered with one for SMS, else the built-in text. */
    static String render(DeliveryJob job) {
        return ChannelWording.sms(job.version(), job.content(), job.message());
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
