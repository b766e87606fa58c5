package io.clarion.gateway.recipient;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Erasure of recipients ({@code DELETE /v1/recipients/{id}}).
 *
 * @param hashKey the secret of the keyed hash (HMAC-SHA256) that replaces an erased recipient's destinations
 *                in the delivery archive: whoever holds it can still tell whether a given address was sent
 *                to, nobody else can. Erasure answers 503 until it is set. Never logged.
 */
@ConfigurationProperties("clarion.erasure")
public record ErasureProperties(String hashKey) {
    boolean configured() {
        return hashKey != null && !hashKey.isBlank();
    }

    @Override
    public String toString() {
        return "ErasureProperties[hashKey=" + (configured() ? "***" : "unset") + "]";
    }
}
