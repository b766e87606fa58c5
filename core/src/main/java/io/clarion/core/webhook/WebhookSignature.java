package io.clarion.core.webhook;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. A secret of the
 * form {@code whsec_<base64>} is base64-decoded as the standard says; any other secret is used as its
 * UTF-8 bytes, so recipients who registered a plain string can still verify.
 */
public final class WebhookSignature {
    private static final String PREFIX = "whsec_";

    private WebhookSignature() {
    }

    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        requireNonNull(secret, "secret");
        requireNonNull(messageId, "messageId");
        requireNonNull(body, "body");
        String signed = messageId + "." + timestampSeconds + "." + body;
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), signed));
    }

    /** Whether {@code secret} yields a signing key: not null, and not {@code whsec_} with nothing after it. */
    public static boolean isUsable(String secret) {
        return secret != null && key(secret).length > 0;
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

    private static byte[] key(String secret) {
        if (secret.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                return secret.getBytes(StandardCharsets.UTF_8);
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
