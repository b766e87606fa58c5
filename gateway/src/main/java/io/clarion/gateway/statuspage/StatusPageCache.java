package io.clarion.gateway.statuspage;

import io.clarion.gateway.statuspage.CachedTenant.Loaded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The status pages of this gateway, rendered once per change and served from memory: a request never opens a
 * database transaction while its tenant's page is fresh. A page goes stale when this gateway changes the tenant's
 * incidents or components, or when {@link StatusPagePoller} sees another gateway's change; it is then reloaded once
 * (concurrent requests share the load). A request for a stale page waits at most
 * {@code clarion.status-page.refresh-wait} for the reload and otherwise, or when the database fails, gets the
 * previous version: the status page keeps answering while PostgreSQL is slow or down. Unknown tenant names are
 * cached too (as absent), so guessing names costs one load each, within {@code max-tenants}.
 */
@Component
class StatusPageCache {
    private static final Logger log = LoggerFactory.getLogger(StatusPageCache.class);
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, CachedTenant> tenants = new ConcurrentHashMap<>();
    private final PublicStatusReader reader;
    private final TenantFingerprints fingerprints;
    private final StatusPageProperties properties;
    private final Clock clock;
    private final Counter loads;

    StatusPageCache(PublicStatusReader reader, TenantFingerprints fingerprints, StatusPageProperties properties,
                    Clock clock, MeterRegistry registry) {
        this.reader = reader;
        this.fingerprints = fingerprints;
        this.properties = properties;
        this.clock = clock;
        this.loads = Counter.builder("clarion.statuspage.loads")
                .description("status page loads from PostgreSQL (one per change per gateway, not per request)")
                .register(registry);
    }

    /** The tenant's status page as now known; empty when there is no such tenant. */
    Mono<StatusSnapshot> snapshot(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            return Mono.empty();
        }
        CachedTenant cached = entry(tenant);
        Loaded previous = cached.current();
        if (cached.isFresh()) {
            return Mono.justOrEmpty(previous.snapshot());
        }
        Mono<Loaded> refreshed = cached.refresh(before -> load(tenant, before));
        if (previous != null) {
            refreshed = refreshed.timeout(properties.refreshWait(), Mono.just(previous))
                    .onErrorResume(e -> previousOnFailure(tenant, previous, e));
        }
        return refreshed.flatMap(loaded -> Mono.justOrEmpty(loaded.snapshot()));
    }

    /** Marks the tenant's page outdated; the next request or {@link #reload} loads it again. */
    void invalidate(String tenant) {
        CachedTenant cached = tenants.get(tenant);
        if (cached != null) {
            cached.invalidate();
        }
    }

    /** Loads the tenant's page now if it is cached and outdated (so the next request finds it ready). */
    Mono<Void> reload(String tenant) {
        CachedTenant cached = tenants.get(tenant);
        if (cached == null || cached.isFresh()) {
            return Mono.empty();
        }
        return cached.refresh(before -> load(tenant, before)).then();
    }

    /** Every cached tenant with the fingerprint its page was loaded at ({@code null} while never loaded). */
    Map<String, String> loadedFingerprints() {
        Map<String, String> loaded = new java.util.HashMap<>();
        tenants.forEach((tenant, cached) -> loaded.put(tenant, cached.fingerprint()));
        return loaded;
    }

    Set<String> cachedTenants() {
        return tenants.keySet();
    }

    private Mono<Loaded> load(String tenant, StatusSnapshot previous) {
        loads.increment();
        return fingerprints.of(tenant)
                .flatMap(fingerprint -> reader.read(tenant)
                        .map(status -> StatusSnapshot.render(status, properties, previous, clock.instant()))
                        .map(snapshot -> new Loaded(fingerprint, Optional.of(snapshot)))
                        .defaultIfEmpty(new Loaded(fingerprint, Optional.empty())))
                .timeout(properties.loadTimeout());
    }

    private static Mono<Loaded> previousOnFailure(String tenant, Loaded previous, Throwable failure) {
        log.warn("status page of {} could not be refreshed; serving the previous version: {}", tenant, failure.toString());
        return Mono.just(previous);
    }

    /** The tenant's cache entry; within {@code max-tenants}, unknown names make room first, else it is not kept. */
    private CachedTenant entry(String tenant) {
        CachedTenant existing = tenants.get(tenant);
        if (existing != null) {
            return existing;
        }
        if (tenants.size() >= properties.maxTenants()) {
            tenants.entrySet().removeIf(e -> e.getValue().isUnknownTenant());
        }
        if (tenants.size() >= properties.maxTenants()) {
            log.warn("status page cache is full ({} tenants, clarion.status-page.max-tenants): {} is rendered per request",
                    tenants.size(), tenant);
            return new CachedTenant();
        }
        return tenants.computeIfAbsent(tenant, name -> new CachedTenant());
    }
}
