package io.clarion.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts services side by side and prints how long each took. If one fails, the ones that did
 * start are closed again and the failure is reported with the others' failures suppressed, so a
 * failed start leaves no process behind.
 */
final class ParallelStart {

    private final ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "devstack-start");
        thread.setDaemon(true);
        return thread;
    });
    private final List<CompletableFuture<? extends AutoCloseable>> started = new ArrayList<>();

    <T extends AutoCloseable> CompletableFuture<T> launch(String name, Supplier<T> start, Function<T, String> where) {
        CompletableFuture<T> service = CompletableFuture.supplyAsync(() -> timed(name, start, where), executor);
        started.add(service);
        return service;
    }

    /** Waits for every launch; closes them all and throws when any failed. */
    void awaitAll() {
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
            IllegalStateException failure = collectFailures();
            if (failure != null) {
                started.stream().filter(service -> !service.isCompletedExceptionally())
                        .forEach(service -> closeQuietly(service.join()));
                throw failure;
            }
        } finally {
            executor.shutdownNow();
        }
    }

    static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private IllegalStateException collectFailures() {
        IllegalStateException failure = null;
        for (CompletableFuture<? extends AutoCloseable> service : started) {
            if (!service.isCompletedExceptionally()) {
                continue;
            }
            Throwable cause = causeOf(service);
            if (failure == null) {
                failure = new IllegalStateException("devstack did not start: " + cause.getMessage(), cause);
            } else {
                failure.addSuppressed(cause);
            }
        }
        return failure;
    }

    private static Throwable causeOf(CompletableFuture<?> service) {
        try {
            service.join();
            throw new IllegalStateException("not failed: " + service);
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private static <T> T timed(String name, Supplier<T> start, Function<T, String> where) {
        long startNanos = System.nanoTime();
        T service = start.get();
        System.out.println("devstack: " + name + " ready on " + where.apply(service) + " in " + seconds(startNanos));
        return service;
    }

    private static void closeQuietly(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            System.err.println("devstack: could not stop " + service + ": " + e);
        }
    }
}
