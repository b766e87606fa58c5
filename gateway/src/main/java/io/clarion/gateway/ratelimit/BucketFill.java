package io.clarion.gateway.ratelimit;

import io.clarion.core.ratelimit.BucketName;
import io.clarion.core.ratelimit.RateLimitPolicy;
import io.clarion.gateway.redis.GatewayRedis;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads how many tokens a bucket holds right now, from the same Redis buckets the dispatchers take
 * tokens from (bucket4j over lettuce, async).
 */
@Component
class BucketFill {
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final GatewayRedis redis;
    private final Mono<AsyncProxyManager<byte[]>> buckets;

    BucketFill(GatewayRedis redis) {
        this.redis = redis;
        this.buckets = redis.connection()
                .map(opened -> Bucket4jLettuce.casBasedBuilder(opened).build().asAsync())
                .cache(ready -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** Tokens available in {@code bucket} under {@code policy}. */
    Mono<Long> available(String bucket, RateLimitPolicy policy) {
        byte[] key = BucketName.redisKey(redis.keyPrefix(), bucket, policy).getBytes(StandardCharsets.UTF_8);
        return buckets.flatMap(manager -> Mono.fromFuture(() -> manager.builder().build(key, configuration(policy))
                .getAvailableTokens()));
    }

    private static BucketConfiguration configuration(RateLimitPolicy policy) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(policy.capacity())
                        .refillGreedy(policy.refillTokens(), policy.refillPeriod()).build())
                .build();
    }
}
