package io.clarion.gateway.redis;

import io.clarion.core.redis.RedisUrl;
import io.clarion.core.secret.Masked;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dispatchers' Redis, as the gateway reads it (same {@code clarion.redis.*} settings).
 *
 * @param url            the Redis the dispatchers use: {@code redis://host:port[/db]},
 *                       {@code redis://:password@host:port} or {@code rediss://...} (TLS, the certificate is verified);
 *                       the password is masked in {@link #toString()}
 * @param keyPrefix      prefix of every Redis key Clarion writes
 * @param commandTimeout a Redis command not answered in this time fails the request (503)
 */
@ConfigurationProperties("clarion.redis")
public record RedisProperties(@DefaultValue("redis://127.0.0.1:6379") String url,
                              @DefaultValue("clarion:") String keyPrefix,
                              @DefaultValue("2s") Duration commandTimeout) {
    public RedisProperties {
        RedisUrl.requireValid(url);
    }

    @Override
    public String toString() {
        return "RedisProperties[url=" + Masked.url(url) + ", keyPrefix=" + keyPrefix + ", commandTimeout="
                + commandTimeout + "]";
    }
}
