package io.clarion.dispatcher.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One shared lettuce connection (lettuce pipelines concurrent commands on it). A dead Redis fails
 * fast: commands are rejected while disconnected and time out after {@code clarion.redis.command-timeout},
 * instead of being buffered; callers wait and retry, and lettuce reconnects in the background.
 */
@Component
public class RedisConnection implements DisposableBean {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisConnection<byte[], byte[]> binary;

    public RedisConnection(RedisProperties properties) {
        this.client = RedisClient.create(properties.url());
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                .build());
        this.connection = client.connect();
        this.binary = client.connect(ByteArrayCodec.INSTANCE);
    }

    public RedisReactiveCommands<String, String> commands() {
        return connection.reactive();
    }

    /** A connection with binary keys and values, for bucket4j's bucket state. */
    public StatefulRedisConnection<byte[], byte[]> binary() {
        return binary;
    }

    @Override
    public void destroy() {
        binary.close();
        connection.close();
        client.shutdown();
    }
}
