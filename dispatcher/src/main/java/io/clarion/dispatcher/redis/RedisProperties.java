package io.clarion.dispatcher.redis;

import io.clarion.core.redis.RedisUrl;
import io.clarion.core.secret.Masked;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis connection of the dispatcher.
 *
 * @param url            {@code redis://host:port[/db]}, {@code redis://:password@host:port}, or {@code rediss://...}
 *                       for TLS (the certificate is verified); the password is masked in {@link #toString()}, and a
 *                       refused one fails the start naming Redis's answer
 * @param keyPrefix      prefix of every key Clarion writes (lets several deployments or tests share a Redis)
 * @param commandTimeout a command not answered in this time fails, and the delivery waits and retries
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
