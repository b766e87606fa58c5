package io.clarion.dispatcher.redis;

import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Health {@code redis} (part of the readiness group): up when Redis answers {@code PING} with {@code PONG}
 * on the dispatcher's shared connection within {@code clarion.redis.command-timeout}; down while it does not
 * (commands are rejected while lettuce reconnects, so a dead Redis reports down at once).
 */
@Component
class RedisHealthIndicator extends AbstractReactiveHealthIndicator {
    private final RedisConnection redis;
    private final Duration timeout;

    RedisHealthIndicator(RedisConnection redis, RedisProperties properties) {
        super("redis unreachable");
        this.redis = redis;
        this.timeout = properties.commandTimeout();
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return redis.commands().ping()
                .timeout(timeout)
                .map(reply -> "PONG".equalsIgnoreCase(reply)
                        ? builder.up().build()
                        : builder.down().withDetail("reply", reply).build());
    }
}
