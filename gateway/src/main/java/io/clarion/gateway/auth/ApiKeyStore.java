package io.clarion.gateway.auth;

import io.clarion.gateway.audit.AuditLog;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import io.clarion.core.digest.Sha256;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * API keys as their owners manage them. A new key is {@value #PREFIX} followed by 256 random bits
 * (base64url), so it is recognisable in logs and secret scanners; only its SHA-256 is stored and the key
 * itself is returned once, by {@link #create}. Revoking sets {@code revoked_at} (rows are kept for the
 * audit trail) and empties this gateway's key cache.
 */
@Component
class ApiKeyStore {
    static final String PREFIX = "clarion_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VIEW_COLUMNS = "id, name, tenant_id, scopes, created_at, expires_at, last_used_at, revoked_at";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final ApiKeys apiKeys;

    ApiKeyStore(DatabaseClient db, TransactionalOperator tx, AuditLog audit, ApiKeys apiKeys) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.apiKeys = apiKeys;
    }

    /** A key as listed: never its secret. */
    record KeyView(String id, String name, String tenant, List<String> scopes, Instant createdAt, Instant expiresAt,
                   Instant lastUsedAt, Instant revokedAt) {
    }

    /** A key just created: the only answer that carries {@code key}. */
    record CreatedKey(String id, String name, String tenant, List<String> scopes, Instant expiresAt, String key) {
    }

    /** Creates a key; emits empty when the tenant already has a key of that name. */
    Mono<CreatedKey> create(Caller caller, String tenant, ApiKeyRequest request) {
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        String[] scopes = request.scopeNames();
        return db.sql("""
                        INSERT INTO api_keys (tenant_id, name, key_hash, scopes, expires_at, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (tenant_id, name) DO NOTHING RETURNING id""")
                .bindValues(List.of(tenant, request.name(), Sha256.of(key), scopes,
                        Parameter.fromOrEmpty(offset(request.expiresAt()), OffsetDateTime.class), caller.apiKeyId()))
                .map(row -> row.get("id", Long.class))
                .one()
                .flatMap(id -> audit.record(caller, tenant, "api-key.created", "api-key/" + id,
                                Map.of("name", request.name(), "scopes", List.of(scopes)))
                        .thenReturn(new CreatedKey(String.valueOf(id), request.name(), tenant, List.of(scopes),
                                request.expiresAt(), key)))
                .as(tx::transactional);
    }

    /** The keys of {@code tenant}, or of every tenant when {@code tenant} is null. */
    Mono<List<KeyView>> list(String tenant) {
        String where = tenant == null ? "" : " WHERE tenant_id = $1";
        var spec = db.sql("SELECT " + VIEW_COLUMNS + " FROM api_keys" + where + " ORDER BY tenant_id, id");
        return (tenant == null ? spec : spec.bind(0, tenant))
                .map(row -> new KeyView(String.valueOf(row.get("id", Long.class)), row.get("name", String.class),
                        row.get("tenant_id", String.class), List.of(row.get("scopes", String[].class)),
                        ApiKeys.instant(row.get("created_at", OffsetDateTime.class)),
                        ApiKeys.instant(row.get("expires_at", OffsetDateTime.class)),
                        ApiKeys.instant(row.get("last_used_at", OffsetDateTime.class)),
                        ApiKeys.instant(row.get("revoked_at", OffsetDateTime.class))))
                .all()
                .collectList();
    }

    /**
     * Revokes a key of {@code tenant} (any tenant's when null); emits whether such a key exists. Revoking
     * a revoked key changes nothing and still answers true.
     */
    Mono<Boolean> revoke(Caller caller, long id, String tenant) {
        return db.sql("""
                        UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
                        WHERE id = $1 AND ($2::text IS NULL OR tenant_id = $2) RETURNING tenant_id""")
                .bind(0, id).bind(1, Parameter.fromOrEmpty(tenant, String.class))
                .map(row -> row.get("tenant_id", String.class))
                .one()
                .flatMap(owner -> audit.record(caller, owner, "api-key.revoked", "api-key/" + id, Map.of())
                        .thenReturn(true))
                .defaultIfEmpty(false)
                .as(tx::transactional)
                .flatMap(found -> Mono.fromRunnable(apiKeys::forgetCached).thenReturn(found));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
