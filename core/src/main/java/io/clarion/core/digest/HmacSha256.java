package io.clarion.core.digest;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256: webhook and PagerDuty signatures, unsubscribe links, erasure's keyed hashes. Each thread keeps its own
 * {@link Mac} (a webhook is signed for every delivery, and looking up the algorithm costs about as much as signing);
 * {@code init} with the call's key and {@code doFinal} leave it ready for the next call.
 */
public final class HmacSha256 {
    private static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(HmacSha256::newMac);

    private HmacSha256() {
    }

    /** The HMAC of {@code data} under {@code key}; an empty key is an IllegalArgumentException (as SecretKeySpec says). */
    public static byte[] of(byte[] key, byte[] data) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an HMAC-SHA256 key", e);
        }
        return mac.doFinal(data);
    }

    /** The HMAC of {@code text}'s UTF-8 bytes under {@code key}. */
    public static byte[] of(byte[] key, String text) {
        return of(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
