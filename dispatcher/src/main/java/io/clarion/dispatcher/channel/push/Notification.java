package io.clarion.dispatcher.channel.push;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.template.ChannelWording;
import java.util.function.Function;

/**
 * What a device shows ({@link ChannelWording#push}). Providers cap the payload
 * (FCM and APNs at 4 KB), so {@link #fit} shortens the body, then the title, ending them with an ellipsis, until
 * the rendered payload fits; the metadata that lets apps order updates is never cut.
 */
record Notification(String title, String body) {
    static final int MAX_PAYLOAD_BYTES = 4096;
    private static final String ELLIPSIS = "…";

    /** The template's title and body when the update was rendered with one for push, else the built-in ones. */
    static Notification of(DeliveryJob job) {
        ChannelWording.Titled push = ChannelWording.push(job.content(), job.message());
        return new Notification(push.title(), push.body());
    }

    /** SEV1 and SEV2 are sent with high priority (FCM {@code HIGH}, APNs priority 10), the rest normal. */
    static boolean isUrgent(UpdateContent content) {
        return content.severity().equals("SEV1") || content.severity().equals("SEV2");
    }

    /** The payload {@code render} makes of this notification, shortened until it is at most {@code maxBytes}. */
    byte[] fit(int maxBytes, Function<Notification, byte[]> render) {
        Notification candidate = this;
        byte[] payload = render.apply(candidate);
        while (payload.length > maxBytes) {
            int excess = payload.length - maxBytes;
            candidate = candidate.shortenedBy(excess);
            payload = render.apply(candidate);
        }
        return payload;
    }

    private Notification shortenedBy(int bytes) {
        if (!body.isEmpty()) {
            return new Notification(title, cut(body, bytes));
        }
        if (!title.isEmpty()) {
            return new Notification(cut(title, bytes), body);
        }
        throw new IllegalStateException("payload does not fit even without title and body");
    }

    /** Drops at least {@code bytes} UTF-8 bytes from the end (never half a character) and marks the cut. */
    private static String cut(String text, int bytes) {
        String kept = text.endsWith(ELLIPSIS) ? text.substring(0, text.length() - ELLIPSIS.length()) : text;
        int size = kept.getBytes(UTF_8).length;
        int target = size - bytes - ELLIPSIS.getBytes(UTF_8).length;
        int end = kept.length();
        while (end > 0 && size > target) {
            int previous = kept.offsetByCodePoints(end, -1);
            size -= kept.substring(previous, end).getBytes(UTF_8).length;
            end = previous;
        }
        return end == 0 ? "" : kept.substring(0, end) + ELLIPSIS;
    }
}
