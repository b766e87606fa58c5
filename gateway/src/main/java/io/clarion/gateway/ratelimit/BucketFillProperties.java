package io.clarion.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway reads bucket fill: the dispatchers' Redis (same {@code clarion.redis.*} settings).
 *
 * @param url            {@code redis://host:port}
 * @param keyPrefix      prefix of every Redis key Clarion writes
 * @param commandTimeout a Redis command not answered in this time fails the request (503)
 */
@ConfigurationProperties("clarion.redis")
public record BucketFillProperties(@DefaultValue("redis://127.0.0.1:6379") String url,
                                   @DefaultValue("clarion:") String keyPrefix,
                                   @DefaultValue("2s") Duration commandTimeout) {
}
