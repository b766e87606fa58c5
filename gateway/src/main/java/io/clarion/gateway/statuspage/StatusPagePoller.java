package io.clarion.gateway.statuspage;

import io.clarion.gateway.component.ComponentChanged;
import io.clarion.gateway.incident.IncidentChanged;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the cached status pages current. A change made through this gateway invalidates its tenant's page at
 * once and reloads it; a change made through another gateway is found by one {@link TenantFingerprints} query
 * for all cached tenants every {@code clarion.status-page.poll-interval}, so a new version shows on every gateway
 * within about that interval plus one load.
 * <p>
 * Why polling rather than PostgreSQL {@code LISTEN/NOTIFY}: a poll needs no dedicated connection outside the pool
 * (nor its reconnection and catch-up after a missed notification), works through transaction-mode poolers, and
 * adds nothing to the writers' commits (NOTIFY serializes committing transactions on a database-wide lock); its
 * cost is one small indexed query per gateway per interval, whatever the traffic.
 */
@Component
class StatusPagePoller implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(StatusPagePoller.class);
    private static final int PARALLEL_LOADS = 4;

    private final StatusPageCache cache;
    private final TenantFingerprints fingerprints;
    private final StatusPageProperties properties;
    private final Sinks.Many<String> changedHere = Sinks.many().multicast().directBestEffort();
    private volatile Disposable running;

    StatusPagePoller(StatusPageCache cache, TenantFingerprints fingerprints, StatusPageProperties properties) {
        this.cache = cache;
        this.fingerprints = fingerprints;
        this.properties = properties;
    }

    @EventListener
    void incidentChanged(IncidentChanged change) {
        changed(change.tenant());
    }

    @EventListener
    void componentChanged(ComponentChanged change) {
        changed(change.tenant());
    }

    private void changed(String tenant) {
        cache.invalidate(tenant);
        changedHere.tryEmitNext(tenant);
    }

    /** The tenants whose pages changed since they were loaded, by the fingerprints in PostgreSQL now. */
    Flux<String> changedElsewhere() {
        Map<String, String> loaded = cache.loadedFingerprints();
        return fingerprints.of(loaded.keySet())
                .flatMapIterable(Map::entrySet)
                .filter(now -> loaded.get(now.getKey()) != null && !Objects.equals(loaded.get(now.getKey()), now.getValue()))
                .map(Map.Entry::getKey);
    }

    private Mono<Void> reloadChangedElsewhere() {
        return changedElsewhere()
                .flatMap(tenant -> {
                    cache.invalidate(tenant);
                    return cache.reload(tenant);
                }, PARALLEL_LOADS)
                .then();
    }

    @Override
    public void start() {
        Flux<Mono<Void>> polls = Flux.interval(properties.pollInterval()).onBackpressureDrop()
                .map(tick -> reloadChangedElsewhere());
        // a change's reload runs on a scheduler of its own, never on the thread of the request that made the change
        Flux<Mono<Void>> local = changedHere.asFlux().onBackpressureDrop().publishOn(Schedulers.parallel(), 32)
                .map(cache::reload);
        running = Flux.merge(polls, local)
                .concatMap(work -> work.onErrorResume(this::logAndGoOn), 1)
                .subscribe();
    }

    private Mono<Void> logAndGoOn(Throwable failure) {
        log.warn("status page refresh failed; the next poll tries again: {}", failure.toString());
        return Mono.empty();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
