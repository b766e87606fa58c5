package io.clarion.gateway.auth;

import io.clarion.core.digest.Sha256;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Authenticates API keys, stored as SHA-256 hashes (keys are 256-bit random, so a fast hash is enough).
 * <p>
 * Lookups are cached for {@code clarion.auth.cache-ttl}; the cache is bounded so a flood of unknown keys
 * cannot grow it without limit, and failures (database down) are not cached. A revocation made through
 * this gateway empties its cache at once; other gateways notice within the TTL. The lookup that fills
 * the cache also stamps {@code last_used_at}, so a key's last use is known to within the TTL without a
 * database write per request. Expiry is checked on every request against the cached {@code expiresAt}.
 * <p>
 * The bootstrap key ({@code clarion.auth.bootstrap-key}) is tenant {@code default} with every scope.
 * It is created when absent and re-keyed when the setting changes, but a revoked bootstrap key stays
 * revoked across restarts. Its row is written before the first lookup, never with a blocking call.
 */
@Component
class ApiKeys {
    static final String BOOTSTRAP_NAME = "bootstrap";
    private static final int MAX_CACHED = 10_000;
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final DatabaseClient db;
    private final AuthProperties properties;
    private final Map<String, Mono<Optional<Caller>>> cache = new ConcurrentHashMap<>();
    private final Mono<Void> bootstrap;

    ApiKeys(DatabaseClient db, AuthProperties properties) {
        this.db = db;
        this.properties = properties;
        this.bootstrap = storeBootstrapKey().contextWrite(ApiKeys::shared)
                .cache(done -> FOREVER, error -> Duration.ZERO, () -> FOREVER);
    }

    /** The key's caller; empty when the key is unknown or revoked (expiry is the caller's to check). */
    Mono<Caller> authenticate(String key) {
        String hash = HexFormat.of().formatHex(Sha256.of(key));
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        return bootstrap.then(cache.computeIfAbsent(hash, h -> lookup(h).contextWrite(ApiKeys::shared)
                        .cache(found -> properties.cacheTtl(), error -> Duration.ZERO, () -> properties.cacheTtl())))
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * A cached lookup serves every request that asks while it runs, so it runs in none's Reactor context: one
     * request's cancellation or deadline (clarion.gateway.shedding.request-deadline) must not fail the others.
     */
    private static Context shared(Context requestContext) {
        return Context.empty();
    }

    /** Forgets every cached lookup: a key revoked here stops working here at once. */
    void forgetCached() {
        cache.clear();
    }

    private Mono<Optional<Caller>> lookup(String hashHex) {
        return db.sql("""
                        UPDATE api_keys SET last_used_at = now()
                        WHERE key_hash = decode($1, 'hex') AND revoked_at IS NULL
                        RETURNING id, name, tenant_id, scopes, expires_at""")
                .bind(0, hashHex)
                .map(row -> new Caller(row.get("id", Long.class), row.get("name", String.class),
                        row.get("tenant_id", String.class), scopes(row.get("scopes", String[].class)),
                        instant(row.get("expires_at", OffsetDateTime.class))))
                .one()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    private Mono<Void> storeBootstrapKey() {
        if (properties.bootstrapKey() == null || properties.bootstrapKey().isBlank()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO api_keys (tenant_id, name, key_hash, scopes) VALUES ('default', $1, $2, $3)
                        ON CONFLICT (tenant_id, name) DO UPDATE SET key_hash = EXCLUDED.key_hash
                        WHERE api_keys.revoked_at IS NULL""")
                .bind(0, BOOTSTRAP_NAME)
                .bind(1, Sha256.of(properties.bootstrapKey()))
                .bind(2, Arrays.stream(Scope.values()).map(Scope::wireName).toArray(String[]::new))
                .then();
    }

    static Set<Scope> scopes(String[] names) {
        return Arrays.stream(names).map(Scope::parse).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
