package io.clarion.gateway.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API key settings.
 *
 * @param bootstrapKey an admin key created (or re-keyed) at start when set; the local run sets
 *                     {@code clarion-dev-key}. Never logged.
 * @param cacheTtl     how long a key lookup is cached: a revoked key stops working within this time
 */
@ConfigurationProperties("clarion.auth")
public record AuthProperties(String bootstrapKey, @DefaultValue("30s") Duration cacheTtl) {
    @Override
    public String toString() {
        return "AuthProperties[bootstrapKey=" + (bootstrapKey == null ? "unset" : "***") + ", cacheTtl=" + cacheTtl + "]";
    }
}
