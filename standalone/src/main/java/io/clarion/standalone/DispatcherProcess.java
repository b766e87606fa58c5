package io.clarion.standalone;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.dispatcher.DispatcherApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A dispatcher in its own OS process (a child JVM on this JVM's classpath), so a test or benchmark can
 * run several and kill one with SIGKILL or stop it with SIGTERM the way an orchestrator would. Its
 * output goes to a log file.
 */
public final class DispatcherProcess implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    private DispatcherProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = command;
        this.log = log;
    }

    public static DispatcherProcess start(String name, DevStack stack, Namespace namespace, Map<String, Object> overrides) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DispatcherApplication.class.getName()));
        command.addAll(List.of(Engine.dispatcherArguments(stack, namespace, overrides)));
        try {
            DispatcherProcess dispatcher = new DispatcherProcess(name, command,
                    Files.createTempFile("clarion-" + name + "-", ".log"));
            dispatcher.launch();
            return dispatcher;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (Re)starts the process and waits until its consumers run. */
    public void launch() {
        try {
            long from = Files.exists(log) ? Files.size(log) : 0;
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitLog("Started DispatcherApplication", from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, nothing flushed, like a crashed node. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM, as Kubernetes sends it; emits whether it exited within {@code grace}. */
    public boolean terminate(Duration grace) {
        process.destroy();
        return waitFor(grace);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The operating system's id of the running process (for tools such as {@code jcmd}). */
    public long pid() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitLog(String line, long from) throws IOException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).substring((int) Math.min(from, Files.size(log))).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + READY_WITHIN + "; see " + log);
    }

    @Override
    public void close() {
        if (isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }
}
