package io.clarion.gateway.ratelimit;

import io.clarion.core.ratelimit.BucketName;
import io.clarion.core.ratelimit.RateLimitPolicy;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads how many tokens a bucket holds right now, from the same Redis buckets the dispatchers take
 * tokens from (bucket4j over lettuce, async). The connection is opened asynchronously on first use
 * (a failed attempt is retried by the next request), so the gateway starts and serves everything
 * else without Redis. {@code clarion.redis.url} may carry a password and ask for TLS ({@code rediss://}).
 */
@Component
class BucketFill implements DisposableBean {
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final BucketFillProperties properties;
    private final RedisClient client;
    private final AtomicReference<StatefulRedisConnection<byte[], byte[]>> connection = new AtomicReference<>();
    private final Mono<AsyncProxyManager<byte[]>> buckets;

    BucketFill(BucketFillProperties properties) {
        this.properties = properties;
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                .build());
        this.buckets = Mono.fromCompletionStage(() -> client.connectAsync(ByteArrayCodec.INSTANCE,
                        uri(properties)))
                .map(this::proxyManager)
                .cache(ready -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The lettuce URI of {@code clarion.redis.url}: {@code rediss://} turns TLS on, a user-info is the password. */
    static RedisURI uri(BucketFillProperties properties) {
        return RedisURI.create(properties.url());
    }

    /** Tokens available in {@code bucket} under {@code policy}. */
    Mono<Long> available(String bucket, RateLimitPolicy policy) {
        byte[] key = BucketName.redisKey(properties.keyPrefix(), bucket, policy).getBytes(StandardCharsets.UTF_8);
        return buckets.flatMap(manager -> Mono.fromFuture(() -> manager.builder().build(key, configuration(policy))
                .getAvailableTokens()));
    }

    private AsyncProxyManager<byte[]> proxyManager(StatefulRedisConnection<byte[], byte[]> opened) {
        connection.set(opened);
        return Bucket4jLettuce.casBasedBuilder(opened).build().asAsync();
    }

    private static BucketConfiguration configuration(RateLimitPolicy policy) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(policy.capacity())
                        .refillGreedy(policy.refillTokens(), policy.refillPeriod()).build())
                .build();
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<byte[], byte[]> opened = connection.get();
        if (opened != null) {
            opened.close();
        }
        client.shutdown();
    }
}
