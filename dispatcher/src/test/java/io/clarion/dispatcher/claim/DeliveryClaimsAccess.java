package io.clarion.dispatcher.claim;

import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import java.time.Duration;

/** Builds {@link DeliveryClaims} for tests of other packages (its constructor is package-private). */
public final class DeliveryClaimsAccess {
    private DeliveryClaimsAccess() {
    }

    public static DeliveryClaims create(RedisConnection redis, RedisProperties properties) {
        return new DeliveryClaims(redis, properties, new ClaimProperties(Duration.ofSeconds(30), Duration.ofDays(1)));
    }
}
