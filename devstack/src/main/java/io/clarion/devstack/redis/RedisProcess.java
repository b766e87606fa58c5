package io.clarion.devstack.redis;

import static io.clarion.devstack.process.LoopbackPorts.HOST;
import static java.util.Objects.requireNonNull;

import io.clarion.devstack.process.ChildProcess;
import io.clarion.devstack.process.LoopbackPorts;
import io.clarion.devstack.process.ServiceProcess;
import io.clarion.devstack.process.Signal;
import io.clarion.devstack.process.WorkDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the {@code redis-server} binary of the embedded-redis jar) on 127.0.0.1,
 * memory only: no snapshots, no append-only file; or, started with a kept data directory
 * ({@link #start(Path)}), with an append-only file there (fsync every second) that the next start
 * replays.
 *
 * <p>Promises: {@link #start()} returns once the server answers {@code PING}; {@link #kill()}
 * ends it like {@code kill -9} and loses its data; {@link #restart()} brings it back, empty, on
 * the same port; {@link #stop()} shuts it down and deletes its work directory. A JVM shutdown
 * hook stops a server the caller forgot. embedded-redis's own {@code RedisServer} is not used
 * because it cannot kill the process and does not drain its output. {@link #startWithPassword} starts
 * one that refuses every command until {@code AUTH} ({@code requirepass}); its {@link #uri()} carries the
 * password.
 */
public final class RedisProcess extends ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final List<String> command;
    private final int port;
    private final String password; // empty: none

    private RedisProcess(Path workDir, boolean keep, List<String> command, int port, String password) {
        super("redis", workDir, keep, Signal.TERM, STOP_GRACE);
        this.command = command;
        this.port = port;
        this.password = password;
    }

    /** Starts Redis on a free loopback port. */
    public static RedisProcess start() {
        return start(WorkDirs.create("clarion-redis-"), false, "");
    }

    /** Starts Redis on a free loopback port with an append-only file in {@code dataDir}, kept when it stops. */
    public static RedisProcess start(Path dataDir) {
        return start(WorkDirs.keep(dataDir), true, "");
    }

    /**
     * Starts Redis on a free loopback port, refusing every command of a client that has not authenticated
     * with {@code password} ({@code requirepass}); an empty password means none.
     */
    public static RedisProcess startWithPassword(String password) {
        requireNonNull(password, "password");
        if (password.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '@' || c == ':' || c == '/')) {
            throw new IllegalArgumentException("password: (expected: no spaces, quotes, '@', ':' or '/')");
        }
        return start(WorkDirs.create("clarion-redis-"), false, password);
    }

    private static RedisProcess start(Path workDir, boolean keep, String password) {
        try {
            int port = LoopbackPorts.free();
            Path binary = ExecutableProvider.newJarResourceProvider(workDir.toFile()).get().toPath();
            Path config = writeConfig(workDir, port, keep, password);
            RedisProcess redis = new RedisProcess(workDir, keep, List.of(binary.toString(), config.toString()), port,
                    password);
            redis.launchOrGiveUp();
            return redis;
        } catch (IOException | RuntimeException e) {
            // the work directory is kept: the error message points at the log in it
            throw new IllegalStateException("redis did not start (work directory kept: " + workDir + "): "
                    + e.getMessage(), e);
        }
    }

    /** {@code redis://127.0.0.1:<port>}, or {@code redis://:<password>@127.0.0.1:<port>} with a password */
    public String uri() {
        return "redis://" + (password.isEmpty() ? "" : ":" + password + "@") + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Ends Redis like {@code kill -9}; its data is lost (but for the last second's, when it keeps an append-only file). */
    public void kill() {
        killProcess();
    }

    /**
     * Starts Redis again on the same port, empty (or from its append-only file, when it keeps one); a running
     * server is shut down first.
     */
    public void restart() {
        restartProcess();
    }

    @Override
    protected ChildProcess launch() {
        ChildProcess process = ChildProcess.start("redis-server", command, workDir(), workDir().resolve("redis.log"));
        try {
            process.awaitReady(READY_TIMEOUT, this::answersPing);
            return process;
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
    }

    private boolean answersPing() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (!password.isEmpty()) {
                out.write(("*2\r\n$4\r\nAUTH\r\n$" + password.length() + "\r\n" + password + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (!"+OK\r\n".equals(new String(in.readNBytes(5), StandardCharsets.US_ASCII))) {
                    return false;
                }
            }
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
        }
    }

    private static Path writeConfig(Path workDir, int port, boolean appendOnly, String password) {
        Path file = workDir.resolve("redis.conf");
        List<String> lines = new ArrayList<>(List.of(
                "port " + port,
                "bind " + HOST,
                "save \"\"",
                appendOnly ? "appendonly yes" : "appendonly no",
                "appendfsync everysec",
                "daemonize no",
                "dir " + workDir,
                "logfile \"\""));
        if (!password.isEmpty()) {
            lines.add("requirepass " + password);
        }
        try {
            return Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "RedisProcess[redis://" + HOST + ":" + port + (password.isEmpty() ? "" : " (password)") + ", "
                + workDir() + "]";
    }
}
