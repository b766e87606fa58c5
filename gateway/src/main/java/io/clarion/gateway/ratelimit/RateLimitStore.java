package io.clarion.gateway.ratelimit;

import io.clarion.core.ratelimit.RateLimitPolicy;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Policies set through the admin API, in PostgreSQL; each change bumps the bucket's version and is audited. */
@Component
public class RateLimitStore {
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    RateLimitStore(DatabaseClient db, TransactionalOperator tx, AuditLog audit) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
    }

    Mono<Map<String, RateLimitPolicy>> all() {
        return db.sql("SELECT bucket, capacity, refill_tokens, refill_period_ms, version FROM rate_limits")
                .map(row -> Map.entry(row.get("bucket", String.class), policy(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The policies set for these buckets (a bucket without one follows its default, {@code RateLimitDefaults}). */
    public Mono<Map<String, RateLimitPolicy>> policies(Collection<String> buckets) {
        return db.sql("SELECT bucket, capacity, refill_tokens, refill_period_ms, version FROM rate_limits "
                        + "WHERE bucket = ANY($1)")
                .bind(0, buckets.toArray(String[]::new))
                .map(row -> Map.entry(row.get("bucket", String.class), policy(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static RateLimitPolicy policy(io.r2dbc.spi.Readable row) {
        return new RateLimitPolicy(row.get("capacity", Long.class), row.get("refill_tokens", Long.class),
                Duration.ofMillis(row.get("refill_period_ms", Long.class)), row.get("version", Long.class));
    }

    /** Stores a policy; emits it with its new version. */
    Mono<RateLimitPolicy> put(Caller caller, String bucket, RateLimitPolicy policy) {
        return db.sql("""
                        INSERT INTO rate_limits (bucket, capacity, refill_tokens, refill_period_ms) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (bucket) DO UPDATE SET capacity = EXCLUDED.capacity,
                            refill_tokens = EXCLUDED.refill_tokens, refill_period_ms = EXCLUDED.refill_period_ms,
                            version = rate_limits.version + 1, updated_at = now()
                        RETURNING version""")
                .bindValues(List.of(bucket, policy.capacity(), policy.refillTokens(), policy.refillPeriod().toMillis()))
                .map(row -> policy.withVersion(row.get("version", Long.class)))
                .one()
                .flatMap(stored -> audit.record(caller, "rate-limit.changed", "rate-limit/" + bucket,
                        Map.of("capacity", stored.capacity(), "refillTokens", stored.refillTokens(),
                                "refillPeriod", stored.refillPeriod().toString(), "version", stored.version()))
                        .thenReturn(stored))
                .as(tx::transactional);
    }

    /** The tenants: each has one bucket per channel. */
    Mono<List<String>> tenants() {
        return db.sql("SELECT id FROM tenants ORDER BY id")
                .map(row -> row.get("id", String.class)).all().collectList();
    }
}
