package io.clarion.standalone.benchmark;

import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.standalone.Engine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Locale;

/**
 * Redis commands during a measured broadcast, counted two ways: what the dispatcher sent (its
 * {@code clarion.redis.commands}; a script counts once) and what Redis itself processed ({@code INFO stats}
 * {@code total_commands_processed}, which also counts each call inside a script and every other client's commands,
 * e.g. the gateway's).
 */
final class RedisCommandCount implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisConnection dispatcher;
    private final long sentBefore;
    private final long processedBefore;

    /** Counts from now. */
    RedisCommandCount(String redisUri, Engine engine) {
        this.client = RedisClient.create(redisUri);
        this.connection = client.connect();
        this.dispatcher = engine.dispatcherBean(RedisConnection.class);
        this.sentBefore = dispatcher.commandsSent();
        this.processedBefore = processed(connection);
    }

    /** Adds the figures per delivery to {@code table}. */
    void report(FigureTable table, long deliveries) {
        long sent = dispatcher.commandsSent() - sentBefore;
        // INFO itself is one command Redis processed: not the engine's
        long processed = processed(connection) - processedBefore - 1;
        double per = Math.max(1, deliveries);
        table.add("redis commands sent by the dispatcher", sent, "commands")
                .add("redis commands per delivery (client)", String.format(Locale.ROOT, "%.3f", sent / per),
                        "commands/delivery")
                .add("redis commands per delivery (server)", String.format(Locale.ROOT, "%.3f", processed / per),
                        "commands/delivery (total_commands_processed: calls inside scripts and the gateway's too)");
    }

    static long processed(StatefulRedisConnection<String, String> redis) {
        for (String line : redis.sync().info("stats").split("\r?\n")) {
            if (line.startsWith("total_commands_processed:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("Redis INFO stats has no total_commands_processed");
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
