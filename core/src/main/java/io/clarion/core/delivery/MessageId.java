package io.clarion.core.delivery;

import io.clarion.core.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable message ids. A delivery is identified by (recipient, channel, incident, version), so its id
 * is derived from exactly those: a retry, a Kafka redelivery or a second dispatcher all send the
 * same id, and a receiver can drop duplicates on it ({@code webhook-id}, email Message-ID).
 */
public final class MessageId {
    private MessageId() {
    }

    public static String of(String recipientId, Channel channel, String incidentId, int version) {
        String identity = recipientId + '\u0000' + channel.wireName() + '\u0000' + incidentId + '\u0000' + version;
        return "msg_" + HexFormat.of().formatHex(sha256(identity), 0, 16);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
