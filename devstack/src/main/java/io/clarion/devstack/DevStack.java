package io.clarion.devstack;

import static java.util.Objects.requireNonNull;

import io.clarion.devstack.kafka.KafkaBroker;
import io.clarion.devstack.postgres.PostgresCoordinates;
import io.clarion.devstack.postgres.PostgresServer;
import io.clarion.devstack.process.BindAddress;
import io.clarion.devstack.redis.RedisProcess;
import io.clarion.devstack.sandbox.ProviderSandbox;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Everything Clarion needs on a laptop or CI runner, without Docker: a real Kafka broker
 * (KRaft), PostgreSQL and Redis on free loopback ports, plus the provider sandbox.
 *
 * <p>Promises: {@link #start()} returns once every service accepts work, and prints one line
 * per service with its address and start time. A service named by {@code CLARION_KAFKA_BOOTSTRAP},
 * {@code CLARION_POSTGRES_URL} (with {@code CLARION_POSTGRES_USER} and
 * {@code CLARION_POSTGRES_PASSWORD}) or {@code CLARION_REDIS_URL} is used instead of started;
 * the coordinates ({@link #kafkaBootstrap()}, {@link #postgresCoordinates()},
 * {@link #redisUri()}) are the same either way, while {@link #kafka()}, {@link #postgres()} and
 * {@link #redis()} (kill, restart) only exist for started services. {@link #close()} stops
 * everything devstack started and deletes its data, unless it was started with a data directory
 * ({@link #start(int, int, Path)}, the local run's): then Kafka, PostgreSQL and Redis keep their data
 * in {@code kafka/}, {@code postgres/} and {@code redis/} below it, and the next start reuses it. Tests get one shared stack per JVM through
 * {@link DevStackExtension}, and keep apart with {@link #newNamespace}.
 */
public final class DevStack implements AutoCloseable {

    private final StackSettings settings;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final RedisProcess redis;
    private final ProviderSandbox sandbox;
    private final RandomGenerator random = new SecureRandom();
    private boolean closed;

    private DevStack(StackSettings settings, KafkaBroker kafka, PostgresServer postgres, RedisProcess redis,
                     ProviderSandbox sandbox) {
        this.settings = settings;
        this.kafka = kafka;
        this.postgres = postgres;
        this.redis = redis;
        this.sandbox = sandbox;
    }

    /** Starts the stack, with the provider sandbox on a free port. */
    public static DevStack start() {
        return start(0);
    }

    /** Starts the stack, with the provider sandbox on {@code sandboxPort} (0: a free port). */
    public static DevStack start(int sandboxPort) {
        return start(StackSettings.from(System::getenv, sandboxPort));
    }

    /**
     * Starts the stack, with the provider sandbox on {@code sandboxPort} (0: a free port) keeping only its
     * newest {@code sandboxKeep} messages (0: all), for a stack that runs for long.
     */
    public static DevStack start(int sandboxPort, int sandboxKeep) {
        return start(StackSettings.from(System::getenv, sandboxPort, sandboxKeep));
    }

    /**
     * Starts the stack with the provider sandbox listening on {@code sandboxHost} (e.g. {@link BindAddress}'s
     * choice; Kafka, PostgreSQL and Redis stay on loopback), port {@code sandboxPort} (0: a free port), keeping
     * only its newest {@code sandboxKeep} messages (0: all).
     */
    public static DevStack start(String sandboxHost, int sandboxPort, int sandboxKeep) {
        return start(StackSettings.from(System::getenv, requireNonNull(sandboxHost, "sandboxHost"), sandboxPort,
                sandboxKeep));
    }

    /**
     * Starts the stack as {@link #start(String, int, int)} does, with the data of the services it starts kept in
     * {@code dataDir} (created when missing) and reused from there when an earlier run left some.
     */
    public static DevStack start(String sandboxHost, int sandboxPort, int sandboxKeep, Path dataDir) {
        requireNonNull(dataDir, "dataDir");
        return start(StackSettings.from(System::getenv, requireNonNull(sandboxHost, "sandboxHost"), sandboxPort,
                sandboxKeep), Optional.of(dataDir));
    }

    static DevStack start(StackSettings settings) {
        return start(settings, Optional.empty());
    }

    private static DevStack start(StackSettings settings, Optional<Path> dataDir) {
        long startNanos = System.nanoTime();
        settings.externalKafka().ifPresent(bootstrap -> printExternal("kafka", bootstrap, StackSettings.KAFKA_BOOTSTRAP));
        settings.externalPostgres().ifPresent(coordinates ->
                printExternal("postgres", coordinates.jdbcUrl(), StackSettings.POSTGRES_URL));
        settings.externalRedis().ifPresent(uri -> printExternal("redis", uri, StackSettings.REDIS_URL));
        ParallelStart start = new ParallelStart();
        CompletableFuture<KafkaBroker> kafka = settings.externalKafka().isPresent() ? none()
                : start.launch("kafka", () -> dataDir.map(dir -> KafkaBroker.start(dir.resolve("kafka")))
                        .orElseGet(KafkaBroker::start), KafkaBroker::bootstrapServers);
        CompletableFuture<PostgresServer> postgres = settings.externalPostgres().isPresent() ? none()
                : start.launch("postgres", () -> dataDir.map(dir -> PostgresServer.start(dir.resolve("postgres")))
                        .orElseGet(PostgresServer::start), server -> server.coordinates().jdbcUrl());
        CompletableFuture<RedisProcess> redis = settings.externalRedis().isPresent() ? none()
                : start.launch("redis", () -> dataDir.map(dir -> RedisProcess.start(dir.resolve("redis")))
                        .orElseGet(RedisProcess::start), RedisProcess::uri);
        CompletableFuture<ProviderSandbox> sandbox = start.launch("sandbox",
                () -> ProviderSandbox.start(settings.sandboxHost(), settings.sandboxPort(), settings.sandboxKeep()),
                ProviderSandbox::baseUrl);
        start.awaitAll();
        System.out.println("devstack: ready in " + ParallelStart.seconds(startNanos));
        return new DevStack(settings, kafka.join(), postgres.join(), redis.join(), sandbox.join());
    }

    /** {@code bootstrap.servers} of the started or external broker. */
    public String kafkaBootstrap() {
        return settings.externalKafka().orElseGet(() -> kafka.bootstrapServers());
    }

    /** Coordinates of the started or external PostgreSQL server. */
    public PostgresCoordinates postgresCoordinates() {
        return settings.externalPostgres().orElseGet(() -> postgres.coordinates());
    }

    /** {@code redis://host:port} of the started or external Redis. */
    public String redisUri() {
        return settings.externalRedis().orElseGet(() -> redis.uri());
    }

    /** @throws IllegalStateException when Kafka is external ({@code CLARION_KAFKA_BOOTSTRAP}) */
    public KafkaBroker kafka() {
        return requireStarted(kafka, "kafka", StackSettings.KAFKA_BOOTSTRAP, kafkaBootstrap());
    }

    /** @throws IllegalStateException when PostgreSQL is external ({@code CLARION_POSTGRES_URL}) */
    public PostgresServer postgres() {
        return requireStarted(postgres, "postgres", StackSettings.POSTGRES_URL, postgresCoordinates().jdbcUrl());
    }

    /** @throws IllegalStateException when Redis is external ({@code CLARION_REDIS_URL}) */
    public RedisProcess redis() {
        return requireStarted(redis, "redis", StackSettings.REDIS_URL, redisUri());
    }

    public ProviderSandbox sandbox() {
        return sandbox;
    }

    /** Creates an empty database on the started or external server; see {@link PostgresCoordinates#createDatabase}. */
    public void createDatabase(String name) {
        postgresCoordinates().createDatabase(name);
    }

    /** Creates database {@code name} unless it exists (a kept data directory's, say); see {@link #createDatabase}. */
    public void createDatabaseIfAbsent(String name) {
        postgresCoordinates().createDatabaseIfAbsent(name);
    }

    /**
     * A fresh {@link Namespace} named after {@code hint} (e.g. the test class name), with its
     * database created.
     */
    public Namespace newNamespace(String hint) {
        Namespace namespace = Namespace.fresh(requireNonNull(hint, "hint"), random);
        createDatabase(namespace.database());
        return namespace;
    }

    /** Stops the sandbox and every service devstack started, and deletes their data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        List<Runnable> stops = new ArrayList<>();
        stops.add(sandbox::stop);
        if (kafka != null) {
            stops.add(kafka::stop);
        }
        if (redis != null) {
            stops.add(redis::stop);
        }
        if (postgres != null) {
            stops.add(postgres::stop);
        }
        CompletableFuture.allOf(stops.stream().map(DevStack::inOwnThread).toArray(CompletableFuture[]::new)).join();
        System.out.println("devstack: stopped in " + ParallelStart.seconds(startNanos));
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(),
                "kafka     bootstrap.servers=" + kafkaBootstrap(),
                "postgres  " + postgresCoordinates().jdbcUrl() + " user=" + postgresCoordinates().user()
                        + " (r2dbc: " + postgresCoordinates().r2dbcUrl(postgresCoordinates().database()) + ")",
                "redis     " + redisUri(),
                "sandbox   " + sandbox.baseUrl() + " (webhooks: " + sandbox.baseUrl() + "/webhooks/{recipient},"
                        + " inbox: " + sandbox.baseUrl() + "/sandbox/messages)");
    }

    private static CompletableFuture<Void> inOwnThread(Runnable stop) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                stop.run();
                done.complete(null);
            } catch (RuntimeException e) {
                System.err.println("devstack: stopping failed: " + e);
                done.complete(null);
            }
        }, "devstack-stop");
        thread.start();
        return done;
    }

    private static <T> T requireStarted(T service, String name, String variable, String address) {
        if (service == null) {
            throw new IllegalStateException(name + " is external (" + variable + "=" + address
                    + "): devstack did not start it, so it cannot kill, restart or stop it");
        }
        return service;
    }

    private static <T> CompletableFuture<T> none() {
        return CompletableFuture.completedFuture(null);
    }

    private static void printExternal(String name, String address, String variable) {
        System.out.println("devstack: " + name + " external at " + address + " (" + variable + ")");
    }
}
