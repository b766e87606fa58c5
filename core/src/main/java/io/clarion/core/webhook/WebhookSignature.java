package io.clarion.core.webhook;

import static java.util.Objects.requireNonNull;

import io.clarion.core.digest.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, keyed as
 * {@link WebhookSecret} says ({@code whsec_<base64>} is base64-decoded as the standard says; a plain
 * secret is used as its UTF-8 bytes). A secret that breaks that rule is an IllegalArgumentException.
 */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        requireNonNull(secret, "secret");
        requireNonNull(messageId, "messageId");
        requireNonNull(body, "body");
        String signed = messageId + "." + timestampSeconds + "." + body;
        return "v1," + Base64.getEncoder().encodeToString(HmacSha256.of(WebhookSecret.key(secret), signed));
    }

    /** Whether any of the space-separated signatures in a {@code webhook-signature} header matches. */
    public static boolean verify(String secret, String messageId, long timestampSeconds, String body,
                                 String signatureHeader) {
        byte[] expected = sign(secret, messageId, timestampSeconds, body).getBytes(StandardCharsets.UTF_8);
        for (String candidate : signatureHeader.split(" ")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

}
