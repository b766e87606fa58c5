package io.clarion.core.delivery;

import io.clarion.core.channel.Channel;
import io.clarion.core.digest.Sha256;
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
        return "msg_" + HexFormat.of().formatHex(Sha256.of(identity), 0, 16);
    }
}
