package io.clarion.dispatcher.channel.email;

import static java.util.Objects.requireNonNull;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.notice.Notice;
import io.clarion.core.subscriber.UnsubscribeLinks;
import io.clarion.core.template.ChannelWording;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;

/**
 * The per-recipient headers of one email: {@code Message-ID: <msg_...@clarion>} (the delivery's stable id, the same
 * on every retry), {@code List-Unsubscribe} (and {@code List-Unsubscribe-Post} for an HTTPS one-click URL), and
 * {@code X-Clarion-Recipient}, {@code X-Clarion-Incident}, {@code X-Clarion-Version}. A status-page subscriber's
 * ({@code sub-...}) {@code List-Unsubscribe} is its own signed one-click link (see {@link UnsubscribeLinks}) when
 * subscriber links are configured.
 * Real SES replaces a caller's {@code Message-ID} with its own, so the id is also sent as
 * {@code X-Clarion-Message-Id}, which SES keeps. Values are kept on one line (no header injection).
 */
final class EmailHeaders {
    static final String MESSAGE_ID = "Message-ID";
    static final String CLARION_MESSAGE_ID = "X-Clarion-Message-Id";
    static final String RECIPIENT = "X-Clarion-Recipient";
    static final String INCIDENT = "X-Clarion-Incident";
    static final String VERSION = "X-Clarion-Version";
    static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    private static final String RECIPIENT_PLACEHOLDER = "{recipient}";

    private final String unsubscribeUrl;
    private final String from;
    private final UnsubscribeLinks subscriberLinks;

    EmailHeaders(String unsubscribeUrl, String from) {
        this(unsubscribeUrl, from, null);
    }

    EmailHeaders(String unsubscribeUrl, String from, UnsubscribeLinks subscriberLinks) {
        this.unsubscribeUrl = unsubscribeUrl;
        this.from = address(requireNonNull(from, "from"));
        this.subscriberLinks = subscriberLinks;
    }

    /** {@code Clarion Status <status@example.com>} → {@code status@example.com}; a bare address stays as it is. */
    static String address(String from) {
        int open = from.lastIndexOf('<');
        int close = from.lastIndexOf('>');
        return open >= 0 && close > open ? from.substring(open + 1, close).strip() : from.strip();
    }

    List<MessageHeader> of(DeliveryJob job) {
        List<MessageHeader> headers = new ArrayList<>(7);
        String messageId = job.messageId();
        headers.add(header(MESSAGE_ID, "<" + messageId + "@clarion>"));
        headers.add(header(CLARION_MESSAGE_ID, messageId));
        addUnsubscribe(headers, job.tenant(), job.recipientId());
        headers.add(header(RECIPIENT, job.recipientId()));
        headers.add(header(INCIDENT, job.incidentId()));
        headers.add(header(VERSION, Integer.toString(job.version())));
        return headers;
    }

    /**
     * The headers of a notice: its own stable Message-ID and the recipient; no unsubscribe (a confirmation request
     * goes to someone who is not subscribed yet).
     */
    List<MessageHeader> of(Notice notice) {
        return List.of(header(MESSAGE_ID, "<" + notice.id() + "@clarion>"), header(CLARION_MESSAGE_ID, notice.id()),
                header(RECIPIENT, notice.recipientId()));
    }

    private void addUnsubscribe(List<MessageHeader> headers, String tenant, String recipientId) {
        if (subscriberLinks != null && UnsubscribeLinks.isSubscriber(recipientId)) {
            headers.add(header(LIST_UNSUBSCRIBE, "<" + subscriberLinks.url(tenant, recipientId) + ">"));
            if (subscriberLinks.oneClick()) {
                headers.add(header(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click"));
            }
            return;
        }
        headers.add(header(LIST_UNSUBSCRIBE, "<" + unsubscribeUri(recipientId) + ">"));
        if (unsubscribeUrl != null && unsubscribeUrl.startsWith("https://")) {
            headers.add(header(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click"));
        }
    }

    private String unsubscribeUri(String recipientId) {
        String encoded = URLEncoder.encode(recipientId, StandardCharsets.UTF_8).replace("+", "%20");
        if (unsubscribeUrl == null) {
            return "mailto:" + from + "?subject=unsubscribe%20" + encoded;
        }
        return unsubscribeUrl.replace(RECIPIENT_PLACEHOLDER, encoded);
    }

    private static MessageHeader header(String name, String value) {
        return MessageHeader.builder().name(name).value(ChannelWording.oneLine(value)).build();
    }
}
