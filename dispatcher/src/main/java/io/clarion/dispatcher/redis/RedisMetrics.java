package io.clarion.dispatcher.redis;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Publishes {@code clarion.redis.commands}: the commands this dispatcher sent to Redis. */
@Component
class RedisMetrics {
    RedisMetrics(RedisConnection redis, MeterRegistry registry) {
        FunctionCounter.builder("clarion.redis.commands", redis, RedisConnection::commandsSent)
                .description("Commands sent to Redis (claims, settles, rate-limit checks); a script counts once")
                .register(registry);
    }
}
