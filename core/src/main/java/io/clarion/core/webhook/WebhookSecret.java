package io.clarion.core.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The one rule for a recipient's webhook secret, shared by the API that accepts it and the signer that
 * uses it, so a secret the API accepted always signs and one it would refuse never does. A secret is
 * either {@code whsec_} followed by standard base64 of {@value #MIN_BYTES}..{@value #MAX_BYTES} bytes
 * (the Standard Webhooks form; the key is the decoded bytes), or a plain secret of at least
 * {@value #MIN_PLAIN_LENGTH} characters that does not start with {@code whsec_} (the key is its UTF-8 bytes).
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    static final int MIN_PLAIN_LENGTH = 16;
    private static final String EXPECTED = "(expected: '" + PREFIX + "' followed by standard base64 of "
            + MIN_BYTES + " to " + MAX_BYTES + " bytes, or a plain secret of at least " + MIN_PLAIN_LENGTH
            + " characters)";

    private WebhookSecret() {
    }

    /** Why {@code secret} is not a usable webhook secret, or empty when it is. */
    public static Optional<String> problem(String secret) {
        if (secret == null) {
            return Optional.of("is required " + EXPECTED);
        }
        if (!secret.startsWith(PREFIX)) {
            return secret.length() >= MIN_PLAIN_LENGTH ? Optional.empty()
                    : Optional.of("a plain secret of " + secret.length() + " characters is too short " + EXPECTED);
        }
        byte[] key = decodeOrNull(secret.substring(PREFIX.length()));
        if (key == null) {
            return Optional.of("is not valid base64 after '" + PREFIX + "' " + EXPECTED);
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            return Optional.of("decodes to " + key.length + " bytes " + EXPECTED);
        }
        return Optional.empty();
    }

    /** The HMAC key of a secret that has no {@link #problem}; any other secret is an IllegalArgumentException. */
    public static byte[] key(String secret) {
        problem(secret).ifPresent(reason -> {
            throw new IllegalArgumentException("webhook secret: " + reason);
        });
        return secret.startsWith(PREFIX) ? decodeOrNull(secret.substring(PREFIX.length()))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decodeOrNull(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
