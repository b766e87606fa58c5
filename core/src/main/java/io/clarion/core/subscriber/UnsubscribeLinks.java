package io.clarion.core.subscriber;

import static java.util.Objects.requireNonNull;

import io.clarion.core.digest.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The one-click unsubscribe links of status-page subscribers (RFC 8058), shared by the gateway (which checks them)
 * and the dispatcher (which puts them in every email to a subscriber). A token is
 * {@code <subscriber id>.<base64url HMAC-SHA256>} over {@code "unsubscribe", tenant, subscriber id} with the key
 * both sides are configured with ({@code clarion.subscribers.token-key}): unguessable without the key, valid for
 * that subscriber of that tenant only, and for unsubscribing only (confirmation tokens are random and stored
 * hashed, never of this form). Tokens need no storage, so every email of a subscription carries the same link.
 */
public final class UnsubscribeLinks {
    /** Recipient ids of subscribers start with this; no other recipient gets a subscriber's link. */
    public static final String ID_PREFIX = "sub-";
    private static final String PURPOSE = "unsubscribe";
    private static final int MIN_KEY_BYTES = 16;

    private final byte[] key;
    private final String publicUrl;

    /**
     * @param key       the shared secret, at least 16 bytes of UTF-8
     * @param publicUrl where the gateway's public routes are reached, e.g. {@code https://status.example.com}
     */
    public UnsubscribeLinks(String key, String publicUrl) {
        requireNonNull(key, "key");
        requireNonNull(publicUrl, "publicUrl");
        this.key = key.getBytes(StandardCharsets.UTF_8);
        if (this.key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("clarion.subscribers.token-key: " + this.key.length
                    + " bytes (expected: >= " + MIN_KEY_BYTES + ")");
        }
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public static boolean isSubscriber(String recipientId) {
        return recipientId != null && recipientId.startsWith(ID_PREFIX);
    }

    public String token(String tenant, String subscriberId) {
        return subscriberId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(tenant, subscriberId));
    }

    /** The subscriber a token names, if it is a genuine unsubscribe token of {@code tenant}. */
    public Optional<String> verify(String tenant, String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String subscriberId = token.substring(0, dot);
        byte[] expected = token(tenant, subscriberId).getBytes(StandardCharsets.UTF_8);
        boolean genuine = isSubscriber(subscriberId)
                && MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
        return genuine ? Optional.of(subscriberId) : Optional.empty();
    }

    /** The HTTPS (or local) URL that unsubscribes by {@code POST} and shows a confirmation page on {@code GET}. */
    public String url(String tenant, String subscriberId) {
        return publicUrl + "/status/" + encode(tenant) + "/subscribers/unsubscribe?token="
                + encode(token(tenant, subscriberId));
    }

    /**
     * Whether mail clients may unsubscribe with one click ({@code List-Unsubscribe-Post}): RFC 8058 asks for an HTTPS
     * URI; a loopback {@code http} URL is accepted as well, as the local run's and tests' stand-in, having no TLS.
     */
    public boolean oneClick() {
        return publicUrl.startsWith("https://") || publicUrl.startsWith("http://127.0.0.1")
                || publicUrl.startsWith("http://localhost") || publicUrl.startsWith("http://[::1]");
    }

    private byte[] mac(String tenant, String subscriberId) {
        requireNonNull(tenant, "tenant");
        requireNonNull(subscriberId, "subscriberId");
        String signed = PURPOSE + '\u0000' + tenant + '\u0000' + subscriberId;
        return HmacSha256.of(key, signed);
    }

    /** Percent-encodes all but RFC 3986's unreserved characters (tenant ids and tokens have none to encode). */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            out.append(unreserved ? String.valueOf(c) : String.format("%%%02X", (int) c));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "UnsubscribeLinks[publicUrl=" + publicUrl + ", key=****]";
    }
}
