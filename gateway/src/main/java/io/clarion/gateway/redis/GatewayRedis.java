package io.clarion.gateway.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The gateway's one connection to the dispatchers' Redis. It is opened asynchronously on first use (a
 * failed attempt is retried by the next request), so the gateway starts and serves everything else
 * without Redis.
 */
@Component
public class GatewayRedis implements DisposableBean {
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final RedisProperties properties;
    private final RedisClient client;
    private final AtomicReference<StatefulRedisConnection<byte[], byte[]>> opened = new AtomicReference<>();
    private final Mono<StatefulRedisConnection<byte[], byte[]>> connection;

    GatewayRedis(RedisProperties properties) {
        this.properties = properties;
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                .build());
        this.connection = Mono.fromCompletionStage(() -> client.connectAsync(ByteArrayCodec.INSTANCE,
                        uri(properties)))
                .map(this::remember)
                .cache(ready -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The lettuce URI of {@code clarion.redis.url}: {@code rediss://} turns TLS on, a user-info is the password. */
    static RedisURI uri(RedisProperties properties) {
        return RedisURI.create(properties.url());
    }

    private StatefulRedisConnection<byte[], byte[]> remember(StatefulRedisConnection<byte[], byte[]> open) {
        opened.set(open);
        return open;
    }

    public Mono<StatefulRedisConnection<byte[], byte[]>> connection() {
        return connection;
    }

    public String keyPrefix() {
        return properties.keyPrefix();
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<byte[], byte[]> open = opened.get();
        if (open != null) {
            open.close();
        }
        client.shutdown();
    }
}
