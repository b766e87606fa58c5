package io.clarion.standalone;

import static java.util.Objects.requireNonNull;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.process.WorkDirs;
import java.util.Map;

/**
 * The local run's engine on devstack, with the data of Kafka, PostgreSQL and Redis kept in
 * {@link LocalSettings#dataDir()}: recipients, segments, incidents, queued deliveries and rate-limit
 * buckets are there again at the next start. A fresh run ({@link LocalSettings#fresh()}) deletes them
 * first. Closing it stops the engine and the stack and leaves the data.
 */
final class LocalRun implements AutoCloseable {
    static final String DATABASE = "clarion";

    private final DevStack stack;
    private final Engine engine;

    private LocalRun(DevStack stack, Engine engine) {
        this.stack = stack;
        this.engine = engine;
    }

    static LocalRun start(LocalSettings settings) {
        requireNonNull(settings, "settings");
        if (settings.fresh()) {
            WorkDirs.deleteQuietly(settings.dataDir());
        }
        DevStack stack = DevStack.start(settings.bindAddress(), settings.sandboxPort(), settings.sandboxKeep(),
                settings.dataDir());
        try {
            stack.createDatabaseIfAbsent(DATABASE);
            return new LocalRun(stack, Engine.start(stack, new Namespace(DATABASE, "", ""), settings.gatewayPort(),
                    settings.apiKey(), Map.of("server.address", settings.bindAddress(),
                            "management.server.address", settings.bindAddress(),
                            "management.server.port", settings.managementPort())));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    Engine engine() {
        return engine;
    }

    DevStack stack() {
        return stack;
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            stack.close();
        }
    }
}
