package io.clarion.gateway.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API key settings.
 *
 * @param bootstrapKey a key of tenant {@code default} with every scope, created at start when absent (re-keyed when
 *                     changed, never un-revoked); the local run sets {@code clarion-dev-key}. Never logged.
 * @param cacheTtl     how long a key lookup is cached: a revoked key stops working within this time
 */
@ConfigurationProperties("clarion.auth")
public record AuthProperties(String bootstrapKey, @DefaultValue("30s") Duration cacheTtl) {
    @Override
    public String toString() {
        return "AuthProperties[bootstrapKey=" + (bootstrapKey == null ? "unset" : "***") + ", cacheTtl=" + cacheTtl + "]";
    }
}
