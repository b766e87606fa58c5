package io.clarion.gateway.auth;

import io.clarion.core.digest.Sha256;
import java.time.Duration;
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

/**
 * API keys, stored as SHA-256 hashes. Lookups are cached for {@code clarion.auth.cache-ttl}; the cache
 * is bounded so a flood of unknown keys cannot grow it without limit. Failures (database down) are
 * not cached: the next request tries again. The bootstrap key's row is written before the first
 * lookup, never with a blocking call at start.
 */
@Component
class ApiKeys {
    private static final int MAX_CACHED = 10_000;
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final DatabaseClient db;
    private final AuthProperties properties;
    private final Map<String, Mono<Optional<Caller>>> cache = new ConcurrentHashMap<>();
    private final Mono<Void> bootstrap;

    ApiKeys(DatabaseClient db, AuthProperties properties) {
        this.db = db;
        this.properties = properties;
        this.bootstrap = storeBootstrapKey().cache(done -> FOREVER, error -> Duration.ZERO, () -> FOREVER);
    }

    Mono<Optional<Caller>> authenticate(String key) {
        String hash = HexFormat.of().formatHex(Sha256.of(key));
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        return bootstrap.then(cache.computeIfAbsent(hash, h -> lookup(h)
                .cache(found -> properties.cacheTtl(), error -> Duration.ZERO, () -> properties.cacheTtl())));
    }

    private Mono<Optional<Caller>> lookup(String hashHex) {
        return db.sql("SELECT id, name, scopes FROM api_keys WHERE key_hash = decode($1, 'hex') AND revoked_at IS NULL")
                .bind(0, hashHex)
                .map(row -> new Caller(row.get("id", Long.class), row.get("name", String.class),
                        scopes(row.get("scopes", String[].class))))
                .one()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    private Mono<Void> storeBootstrapKey() {
        if (properties.bootstrapKey() == null || properties.bootstrapKey().isBlank()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO api_keys (name, key_hash, scopes) VALUES ('bootstrap', $1, '{admin}')
                        ON CONFLICT (name) DO UPDATE SET key_hash = EXCLUDED.key_hash, revoked_at = NULL""")
                .bind(0, Sha256.of(properties.bootstrapKey()))
                .then();
    }

    private static Set<Scope> scopes(String[] names) {
        return Arrays.stream(names).map(Scope::parse).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
    }
}
