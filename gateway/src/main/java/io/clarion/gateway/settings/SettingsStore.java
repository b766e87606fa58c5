package io.clarion.gateway.settings;

import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.http.JsonBodies;
import io.r2dbc.postgresql.codec.Json;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * Tenant settings in PostgreSQL, one JSON document per tenant. A change is merged onto the stored settings
 * under the row's lock (so two concurrent PUTs of different fields both stick) and audited without secrets.
 */
@Component
public class SettingsStore {
    private static final TypeReference<TenantSettings> SETTINGS = new TypeReference<>() { };

    private final DatabaseClient db;
    private final JsonBodies json;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    SettingsStore(DatabaseClient db, JsonBodies json, TransactionalOperator tx, AuditLog audit) {
        this.db = db;
        this.json = json;
        this.tx = tx;
        this.audit = audit;
    }

    /** The tenant's settings, the defaults filling what was never set. */
    public Mono<TenantSettings> find(String tenant) {
        return stored(tenant, "").map(found -> found.mergedOnto(TenantSettings.DEFAULTS))
                .defaultIfEmpty(TenantSettings.DEFAULTS);
    }

    /** Merges {@code change} onto the tenant's settings; emits the result. */
    Mono<TenantSettings> update(Caller caller, TenantSettings change) {
        return db.sql("INSERT INTO tenant_settings (tenant_id, settings) VALUES ($1, '{}') ON CONFLICT DO NOTHING")
                .bind(0, caller.tenant()).then()
                .then(stored(caller.tenant(), " FOR UPDATE"))
                .map(current -> change.mergedOnto(current).mergedOnto(TenantSettings.DEFAULTS))
                .flatMap(merged -> db.sql("UPDATE tenant_settings SET settings = $2, updated_at = now() WHERE tenant_id = $1")
                        .bind(0, caller.tenant()).bind(1, Json.of(json.write(merged))).then()
                        .then(audit.record(caller, "settings.changed", "settings", Map.of("fields", named(change))))
                        .thenReturn(merged))
                .as(tx::transactional);
    }

    private Mono<TenantSettings> stored(String tenant, String lock) {
        return db.sql("SELECT settings FROM tenant_settings WHERE tenant_id = $1" + lock)
                .bind(0, tenant)
                .map(row -> json.read(row.get("settings", Json.class).asString(), SETTINGS))
                .one();
    }

    private static List<String> named(TenantSettings change) {
        return java.util.stream.Stream.of(change.statusPageUrl() != null ? "statusPageUrl" : null,
                        change.defaultLocale() != null ? "defaultLocale" : null,
                        change.redaction() != null ? "redaction" : null,
                        change.maxAudienceWithoutApproval() != null ? "maxAudienceWithoutApproval" : null,
                        change.pagerdutySecret() != null ? "pagerdutySecret" : null)
                .filter(java.util.Objects::nonNull).toList();
    }
}
