package io.clarion.dispatcher.redis;

import io.lettuce.core.ClientOptions;
import io.clarion.core.secret.Masked;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
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
 *
 * <p>{@code clarion.redis.url} may carry a password ({@code redis://:password@host:port}) and ask for TLS
 * ({@code rediss://}); lettuce authenticates every (re)connection with it. A Redis that refuses the password at
 * start fails the start with an error naming the URL (password masked) and Redis's answer.
 */
@Component
public class RedisConnection implements DisposableBean {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisConnection<byte[], byte[]> binary;
    private final LongAdder commandsSent = new LongAdder();

    public RedisConnection(RedisProperties properties) {
        this.client = RedisClient.create(uri(properties));
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
        try {
            this.connection = client.connect();
            this.binary = client.connect(ByteArrayCodec.INSTANCE);
        } catch (RedisConnectionException e) {
            client.shutdown();
            throw new IllegalStateException("cannot connect to Redis at clarion.redis.url=" + Masked.url(properties.url())
                    + ": " + rootCause(e).getMessage(), e);
        }
    }

    /** The lettuce URI of {@code clarion.redis.url}: {@code rediss://} turns TLS on, a user-info is the password. */
    static RedisURI uri(RedisProperties properties) {
        return RedisURI.create(properties.url());
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
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
