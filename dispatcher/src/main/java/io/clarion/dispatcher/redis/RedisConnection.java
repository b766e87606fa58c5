package io.clarion.dispatcher.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.util.concurrent.atomic.LongAdder;
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
    private final LongAdder commandsSent = new LongAdder();

    public RedisConnection(RedisProperties properties) {
        this.client = RedisClient.create(properties.url());
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                .build());
        this.client.addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commandsSent.increment();
            }
        });
        this.connection = client.connect();
        this.binary = client.connect(ByteArrayCodec.INSTANCE);
    }

    public RedisReactiveCommands<String, String> commands() {
        return connection.reactive();
    }

    /**
     * Commands this process sent to Redis (a script counts once, whatever it calls inside); pipelined
     * commands share a round trip, so this is an upper bound of round trips.
     */
    public long commandsSent() {
        return commandsSent.sum();
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
