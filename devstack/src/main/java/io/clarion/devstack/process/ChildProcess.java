package io.clarion.devstack.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by devstack, with stdout and stderr appended to a log file.
 *
 * <p>Promises: {@link #kill()} and {@link #stop} return only once the process has exited;
 * {@link #awaitReady} fails fast, with the log file's path and tail in the message, when the
 * process exits before it is ready or does not become ready in time.
 */
public final class ChildProcess {

    private static final int LOG_TAIL_LINES = 40;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} in {@code workingDir}; its output is appended to {@code logFile}. */
    public static ChildProcess start(String name, List<String> command, Path workingDir, Path logFile) {
        requireNonNull(name, "name");
        requireNonNull(command, "command");
        requireNonNull(workingDir, "workingDir");
        requireNonNull(logFile, "logFile");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /**
     * Runs {@code command} to completion, for one-shot tools such as {@code initdb}.
     *
     * @throws IllegalStateException when it exits with a non-zero code or outlives {@code timeout}
     */
    public static void run(String name, List<String> command, Path workingDir, Path logFile, Duration timeout) {
        ChildProcess tool = start(name, command, workingDir, logFile);
        if (!tool.waitForExit(timeout)) {
            tool.kill();
            throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s"
                    + tool.logDescription());
        }
        if (tool.process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit code " + tool.process.exitValue()
                    + " (command: " + command + ")" + tool.logDescription());
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Polls {@code probe} until it answers {@code true}.
     *
     * @throws IllegalStateException when the process exits first or {@code timeout} passes
     */
    public void awaitReady(Duration timeout, ReadinessProbe probe) {
        requireNonNull(probe, "probe");
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready" + logDescription(), lastFailure);
            }
            try {
                if (probe.isReady()) {
                    return;
                }
            } catch (Exception notYet) {
                lastFailure = notYet;
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s"
                + logDescription(), lastFailure);
    }

    /** Like {@code kill -9}: no shutdown work happens in the process. Returns once it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /**
     * Sends {@code signal}, waits up to {@code grace} for the process to exit, then kills it.
     * Returns once it is gone.
     */
    public void stop(Signal signal, Duration grace) {
        requireNonNull(signal, "signal");
        if (!process.isAlive()) {
            return;
        }
        signal.send(process);
        if (!waitForExit(grace)) {
            kill();
        }
    }

    /** The last lines of the log file, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private String logDescription() {
        return "; log: " + logFile + "\n--- last lines ---\n" + logTail();
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a process to become ready", e);
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + (process.isAlive() ? "" : ", exited") + "]";
    }
}
