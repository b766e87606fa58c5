package io.clarion.standalone.benchmark;

import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.standalone.Engine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
    private final Map<String, Long> callsBefore;

    /** Counts from now. */
    RedisCommandCount(String redisUri, Engine engine) {
        this.client = RedisClient.create(redisUri);
        this.connection = client.connect();
        this.dispatcher = engine.dispatcherBean(RedisConnection.class);
        this.sentBefore = dispatcher.commandsSent();
        this.processedBefore = processed(connection);
        this.callsBefore = calls(connection);
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
        calls(connection).forEach((command, calls) -> {
            long during = calls - callsBefore.getOrDefault(command, 0L);
            if (during > 0 && !command.equals("info")) {
                table.add("redis " + command + " per delivery (server)",
                        String.format(Locale.ROOT, "%.3f", during / per), "calls/delivery (" + during + " calls)");
            }
        });
    }

    /** Calls per command name from {@code INFO commandstats} (inside scripts too). */
    private static Map<String, Long> calls(StatefulRedisConnection<String, String> redis) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : redis.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                String stats = line.substring(line.indexOf(':') + 1);
                calls.put(command, Long.parseLong(stats.substring("calls=".length(), stats.indexOf(','))));
            }
        }
        return calls;
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
