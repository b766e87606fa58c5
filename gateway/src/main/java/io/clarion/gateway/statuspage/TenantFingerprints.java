package io.clarion.gateway.statuspage;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A cheap summary of everything a tenant's status page is made of, which changes whenever any of it changes:
 * the tenant's name, its settings' {@code updated_at} (redaction rules change what the page says), and for
 * incidents and components the newest {@code updated_at} plus the count and sum of the
 * {@code updated_at} of rows changed within the last minute. The recent part is what catches a change whose
 * transaction began (and so stamped {@code now()}) before another that committed first: the newest value alone
 * would miss it. A new version stamps its incident's {@code updated_at} in its own transaction, so it is seen too.
 * Every part is an index range on {@code (tenant_id, updated_at)}: one query covers all cached tenants.
 */
@Component
class TenantFingerprints {
    private static final String FINGERPRINT = """
            concat_ws('|',
                (SELECT name FROM tenants WHERE id = t.id),
                (SELECT updated_at FROM tenant_settings WHERE tenant_id = t.id),
                (SELECT max(updated_at) FROM incidents WHERE tenant_id = t.id),
                (SELECT count(*) || ':' || coalesce(sum(extract(epoch FROM updated_at)), 0) FROM incidents
                  WHERE tenant_id = t.id AND updated_at > now() - interval '1 minute'),
                (SELECT max(updated_at) FROM components WHERE tenant_id = t.id),
                (SELECT count(*) || ':' || coalesce(sum(extract(epoch FROM updated_at)), 0) FROM components
                  WHERE tenant_id = t.id AND updated_at > now() - interval '1 minute'))""";

    private final DatabaseClient db;

    TenantFingerprints(DatabaseClient db) {
        this.db = db;
    }

    Mono<String> of(String tenant) {
        return db.sql("SELECT " + FINGERPRINT + " AS fingerprint FROM (SELECT $1::text AS id) t")
                .bind(0, tenant)
                .map(row -> row.get("fingerprint", String.class))
                .one();
    }

    Mono<Map<String, String>> of(Collection<String> tenants) {
        if (tenants.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT t.id AS tenant, " + FINGERPRINT + " AS fingerprint FROM unnest($1::text[]) AS t(id)")
                .bind(0, tenants.toArray(String[]::new))
                .map(row -> Map.entry(row.get("tenant", String.class), row.get("fingerprint", String.class)))
                .all()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
