package io.clarion.devstack.process;

import static java.util.Objects.requireNonNull;

/**
 * A JVM shutdown hook that can be cancelled, so that a server stopped normally does not leave a
 * hook behind, and a server still running when the JVM exits (Ctrl-C, {@code System.exit}, a
 * test run that never closed it) is stopped too. A JVM killed with SIGKILL runs no hooks.
 */
public final class ShutdownHook {

    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    public static ShutdownHook register(String name, Runnable action) {
        requireNonNull(action, "action");
        Thread thread = new Thread(action, requireNonNull(name, "name"));
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    /** Removes the hook; does nothing while the JVM is already shutting down. */
    public void cancel() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or about to: nothing to cancel
        }
    }
}
