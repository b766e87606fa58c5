package io.clarion.dispatcher.ratelimit;

import io.clarion.core.ratelimit.BucketName;
import io.clarion.core.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The policy of every bucket: the one set through the admin API (the {@code rate_limits} table), or
 * the configured default of its kind. The table is re-read at most every
 * {@code clarion.rate-limits.refresh-interval} (lazily, on use), so every dispatcher obeys a change
 * within that interval without a restart. A failed read is not cached: the next use tries again.
 */
@Component
class RateLimitPolicies {
    private final DatabaseClient db;
    private final RateLimitProperties properties;
    private final Mono<Map<String, RateLimitPolicy>> overrides;

    RateLimitPolicies(DatabaseClient db, RateLimitProperties properties) {
        this.db = db;
        this.properties = properties;
        Duration refresh = properties.refreshInterval();
        this.overrides = load().cache(loaded -> refresh, error -> Duration.ZERO, () -> refresh);
    }

    Mono<RateLimitPolicy> policyOf(String bucket, BucketName.Kind kind) {
        return overrides.map(set -> {
            RateLimitPolicy override = set.get(bucket);
            return override != null ? override : defaultOf(kind);
        });
    }

    private RateLimitPolicy defaultOf(BucketName.Kind kind) {
        return switch (kind) {
            case PROVIDER -> properties.provider().toPolicy();
            case TENANT -> properties.tenant().toPolicy();
            case RECIPIENT -> properties.recipient().toPolicy();
        };
    }

    private Mono<Map<String, RateLimitPolicy>> load() {
        return db.sql("SELECT bucket, capacity, refill_tokens, refill_period_ms, version FROM rate_limits")
                .map(row -> Map.entry(row.get("bucket", String.class), new RateLimitPolicy(
                        row.get("capacity", Long.class), row.get("refill_tokens", Long.class),
                        Duration.ofMillis(row.get("refill_period_ms", Long.class)), row.get("version", Long.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
