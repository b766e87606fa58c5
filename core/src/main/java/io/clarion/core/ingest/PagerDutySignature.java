package io.clarion.core.ingest;

import static java.util.Objects.requireNonNull;

import io.clarion.core.digest.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * PagerDuty's webhook signature: {@code X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw body>}, several
 * comma-separated values while a secret is rotated. A body is authentic when any {@code v1} value equals the
 * HMAC under the secret, compared in constant time ({@link MessageDigest#isEqual}) so the time taken says
 * nothing about how much of a guess was right.
 */
public final class PagerDutySignature {
    private static final String SCHEME = "v1=";

    private PagerDutySignature() {
    }

    public static String sign(String secret, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** Whether {@code header} (null: absent) carries a valid signature of {@code body} under {@code secret}. */
    public static boolean verify(String secret, byte[] body, String header) {
        requireNonNull(body, "body");
        if (secret == null || secret.isEmpty() || header == null) {
            return false;
        }
        byte[] expected = hmac(secret, body);
        boolean valid = false;
        for (String value : header.split(",")) {
            String trimmed = value.trim();
            if (trimmed.startsWith(SCHEME)) {
                valid |= MessageDigest.isEqual(expected, hexOrEmpty(trimmed.substring(SCHEME.length())));
            }
        }
        return valid;
    }

    private static byte[] hexOrEmpty(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] hmac(String secret, byte[] body) {
        return HmacSha256.of(secret.getBytes(StandardCharsets.UTF_8), body);
    }
}
