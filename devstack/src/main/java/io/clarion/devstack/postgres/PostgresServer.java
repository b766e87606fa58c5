package io.clarion.devstack.postgres;

import static io.clarion.devstack.process.LoopbackPorts.HOST;

import io.clarion.devstack.process.ChildProcess;
import io.clarion.devstack.process.LoopbackPorts;
import io.clarion.devstack.process.ServiceProcess;
import io.clarion.devstack.process.Signal;
import io.clarion.devstack.process.WorkDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/**
 * A real PostgreSQL 17 server on 127.0.0.1 with a fresh data directory (or a kept one that the next
 * start reuses, {@link #start(Path)}), trust authentication for
 * user {@code postgres} (empty password) and durability switched off (fsync, synchronous
 * commit, full-page writes) for speed: a kept data directory survives stops and crashes of the server,
 * not of the machine.
 *
 * <p>Promises: {@link #start()} returns once a JDBC connection succeeds; {@link #stop()} shuts
 * the server down without waiting for clients to disconnect and deletes its data. A JVM shutdown
 * hook stops a server the caller forgot. Under root the server runs as {@code nobody}. Server
 * output goes to {@code postgres.log} in the work directory, whose path and tail are in every
 * startup error.
 */
public final class PostgresServer extends ServiceProcess {

    private static final String USER = "postgres";
    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final PostgresCoordinates coordinates;
    private final List<String> command;

    /** SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect. */
    private PostgresServer(Path workDir, boolean keep, PostgresCoordinates coordinates, List<String> command) {
        super("postgres", workDir, keep, Signal.INT, STOP_GRACE);
        this.coordinates = coordinates;
        this.command = command;
    }

    /** Unpacks the binaries (once per machine), creates a data directory and starts the server. */
    public static PostgresServer start() {
        return start(WorkDirs.create("clarion-postgres-"), false);
    }

    /**
     * Starts the server on a free port with its data under {@code dataDir}, kept when it stops: a database
     * cluster already there is reused, none is created first. Under root, {@code dataDir}'s parents must be
     * traversable by {@code nobody}.
     */
    public static PostgresServer start(Path dataDir) {
        return start(WorkDirs.keep(dataDir), true);
    }

    private static PostgresServer start(Path workDir, boolean keep) {
        Path binaries = PostgresBinaries.installation();
        try {
            UnprivilegedUser runAs = UnprivilegedUser.detect();
            Path dataDir = workDir.resolve("data");
            boolean initialized = Files.exists(dataDir.resolve("PG_VERSION"));
            Path socketDir = createDir(workDir.resolve("socket"));
            if (!initialized) {
                createDir(dataDir);
            }
            runAs.handOver(dataDir, socketDir);
            if (!initialized) {
                ChildProcess.run("initdb", runAs.wrap(initdb(binaries, dataDir)), workDir,
                        workDir.resolve("initdb.log"), INITDB_TIMEOUT);
            }
            int port = LoopbackPorts.free();
            PostgresServer server = new PostgresServer(workDir, keep,
                    new PostgresCoordinates(HOST, port, "postgres", USER, ""),
                    runAs.wrap(postgres(binaries, dataDir, socketDir, port)));
            server.launchOrGiveUp();
            return server;
        } catch (RuntimeException e) {
            // the work directory is kept: the error message points at the logs in it
            throw new IllegalStateException("postgres did not start (work directory kept: " + workDir + "): "
                    + e.getMessage(), e);
        }
    }

    public PostgresCoordinates coordinates() {
        return coordinates;
    }

    public int port() {
        return coordinates.port();
    }

    public String jdbcUrl(String database) {
        return coordinates.jdbcUrl(database);
    }

    public String r2dbcUrl(String database) {
        return coordinates.r2dbcUrl(database);
    }

    public String user() {
        return coordinates.user();
    }

    /** Always empty: the server trusts every loopback connection. */
    public String password() {
        return coordinates.password();
    }

    /** See {@link PostgresCoordinates#createDatabase(String)}. */
    public void createDatabase(String name) {
        coordinates.createDatabase(name);
    }

    @Override
    protected ChildProcess launch() {
        ChildProcess process = ChildProcess.start("postgres", command, workDir(), workDir().resolve("postgres.log"));
        try {
            process.awaitReady(READY_TIMEOUT, this::acceptsConnections);
            return process;
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
    }

    private boolean acceptsConnections() throws Exception {
        try (Connection connection = coordinates.connect(coordinates.database())) {
            return connection.isValid(2);
        }
    }

    private static List<String> initdb(Path binaries, Path dataDir) {
        return List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", USER, "-E", "UTF-8",
                "--locale=C", "--no-sync", "-D", dataDir.toString());
    }

    private static List<String> postgres(Path binaries, Path dataDir, Path socketDir, int port) {
        return List.of(binaries.resolve("bin/postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-h", HOST, "-k", socketDir.toString(),
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=300");
    }

    /** Creates {@code dir}, or answers it when a kept work directory already has it. */
    private static Path createDir(Path dir) {
        try {
            return Files.isDirectory(dir) ? dir : Files.createDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + coordinates.jdbcUrl() + ", " + workDir() + "]";
    }
}
