package io.clarion.gateway.statuspage;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The cached status page of one tenant and its refresh. Every change known to this gateway bumps the
 * generation ({@link #invalidate}); the snapshot is fresh while it was loaded for the current generation. At
 * most one load runs per generation and concurrent callers share it, so a storm of requests after a change
 * costs one load; a load started before a change never counts as fresh for it. A load outlives the requests
 * that wait for it (a request that stops waiting does not cancel it), and a failed one is forgotten, so the next
 * request or poll starts another.
 */
final class CachedTenant {
    /**
     * @param fingerprint what {@link TenantFingerprints} said before the load read anything
     * @param snapshot    the rendered page, or empty when there is no such tenant
     */
    record Loaded(String fingerprint, Optional<StatusSnapshot> snapshot) {
    }

    private Loaded current;
    private long generation;
    private long loadedGeneration = -1;
    private CompletableFuture<Loaded> inFlight;
    private long inFlightGeneration = -1;

    synchronized Loaded current() {
        return current;
    }

    synchronized boolean isFresh() {
        return current != null && loadedGeneration == generation;
    }

    synchronized void invalidate() {
        generation++;
    }

    synchronized String fingerprint() {
        return current == null ? null : current.fingerprint();
    }

    synchronized boolean isUnknownTenant() {
        return current != null && current.snapshot().isEmpty();
    }

    /** The load of the current generation, started by {@code load} (given the previous snapshot) unless running. */
    synchronized Mono<Loaded> refresh(Function<StatusSnapshot, Mono<Loaded>> load) {
        if (inFlight == null || inFlightGeneration != generation) {
            long started = generation;
            StatusSnapshot previous = current == null ? null : current.snapshot().orElse(null);
            inFlightGeneration = started;
            inFlight = load.apply(previous)
                    .map(loaded -> install(started, loaded))
                    .onErrorResume(e -> forget(started, e))
                    .toFuture();
        }
        return Mono.fromFuture(inFlight, true);
    }

    private synchronized Loaded install(long started, Loaded loaded) {
        if (started >= loadedGeneration) {
            current = loaded;
            loadedGeneration = started;
        }
        if (inFlightGeneration == started) {
            inFlightGeneration = -1;
        }
        return current;
    }

    private synchronized Mono<Loaded> forget(long started, Throwable failure) {
        if (inFlightGeneration == started) {
            inFlightGeneration = -1;
        }
        return Mono.error(failure);
    }
}
