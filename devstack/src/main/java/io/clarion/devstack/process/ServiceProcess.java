package io.clarion.devstack.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The lifecycle every devstack server shares: a child process with a work directory that is
 * stopped exactly once, by {@link #stop()}, {@link #close()} or the JVM shutdown hook, whichever
 * comes first, after which a throw-away work directory is deleted (a kept one, the local run's data, is
 * left for the next start). Reliability tests kill the process and
 * relaunch it on the same ports ({@link #killProcess()}, {@link #restartProcess()}). A first launch
 * that fails counts as stopped and keeps the work directory, since the error points at its logs.
 */
public abstract class ServiceProcess implements AutoCloseable {

    private final Path workDir;
    private final Signal stopSignal;
    private final Duration stopGrace;
    private final ShutdownHook shutdownHook;
    private final boolean keepWorkDir;
    private ChildProcess process;
    private boolean stopped;

    protected ServiceProcess(String name, Path workDir, Signal stopSignal, Duration stopGrace) {
        this(name, workDir, false, stopSignal, stopGrace);
    }

    /** @param keepWorkDir {@code true}: the work directory holds data to reuse, and stopping leaves it */
    protected ServiceProcess(String name, Path workDir, boolean keepWorkDir, Signal stopSignal, Duration stopGrace) {
        this.keepWorkDir = keepWorkDir;
        this.workDir = requireNonNull(workDir, "workDir");
        this.stopSignal = requireNonNull(stopSignal, "stopSignal");
        this.stopGrace = requireNonNull(stopGrace, "stopGrace");
        this.shutdownHook = ShutdownHook.register(name + "-stop", this::stopWithoutCancellingHook);
    }

    /** Starts the process and returns it once the server is ready; kills it if it never gets ready. */
    protected abstract ChildProcess launch();

    protected final Path workDir() {
        return workDir;
    }

    /** The first launch; when it fails, the server counts as stopped and no hook is left behind. */
    protected final synchronized void launchOrGiveUp() {
        try {
            process = launch();
        } catch (RuntimeException e) {
            stopped = true;
            shutdownHook.cancel();
            throw e;
        }
    }

    /** Ends the process like {@code kill -9}: no controlled shutdown, no flush. */
    protected final synchronized void killProcess() {
        requireNotStopped("kill");
        process.kill();
    }

    /** Shuts a running process down, then launches it again on the same ports; returns once ready. */
    protected final synchronized void restartProcess() {
        requireNotStopped("restart");
        process.stop(stopSignal, stopGrace);
        process = launch();
    }

    /**
     * Shuts the server down (the stop signal, then SIGKILL after the grace) and deletes its work directory,
     * unless it is kept.
     */
    public final void stop() {
        shutdownHook.cancel();
        stopWithoutCancellingHook();
    }

    @Override
    public final void close() {
        stop();
    }

    private synchronized void stopWithoutCancellingHook() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (process != null) {
            process.stop(stopSignal, stopGrace);
        }
        if (!keepWorkDir) {
            WorkDirs.deleteQuietly(workDir);
        }
    }

    private void requireNotStopped(String action) {
        if (stopped) {
            throw new IllegalStateException("cannot " + action + " " + this + ": it was stopped");
        }
    }
}
