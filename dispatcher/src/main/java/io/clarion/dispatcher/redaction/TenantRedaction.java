package io.clarion.dispatcher.redaction;

import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.redaction.RedactionRule;
import io.clarion.core.redaction.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each tenant's {@link Redactor}: the built-in rules plus the tenant's own from {@code tenant_settings}
 * ({@code settings.redaction.rules}, validated by the gateway), read once per {@code clarion.redaction.rules-ttl}
 * and shared by all deliveries meanwhile. A failed read is not cached: the next delivery reads again.
 */
@Component
public class TenantRedaction {
    private static final String RULES = "SELECT r.rule->>'name' AS name, r.rule->>'pattern' AS pattern, "
            + "r.rule->>'replacement' AS replacement FROM tenant_settings s, "
            + "jsonb_array_elements(COALESCE(s.settings->'redaction'->'rules', '[]'::jsonb)) WITH ORDINALITY "
            + "AS r(rule, position) WHERE s.tenant_id = $1 ORDER BY r.position";

    private final DatabaseClient db;
    private final RedactionProperties properties;
    private final Map<String, Mono<Redactor>> redactors = new ConcurrentHashMap<>();

    TenantRedaction(DatabaseClient db, RedactionProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /**
     * {@code content} with its title and body redacted for {@code tenant}'s recipient whose own address is
     * {@code ownEmail} ({@code null} when not known: every address is redacted). Severity and status are
     * Clarion's own words and stay. Errors with {@link io.clarion.core.redaction.RedactionOverrunException} when a
     * rule exceeds its bound.
     */
    public Mono<UpdateContent> redact(String tenant, UpdateContent content, String ownEmail) {
        return redactorFor(tenant).map(redactor -> new UpdateContent(content.severity(), content.status(),
                redactor.redact(content.title(), ownEmail), redactor.redact(content.body(), ownEmail)));
    }

    /** The tenant's redactor, from the cache while it is fresh. */
    public Mono<Redactor> redactorFor(String tenant) {
        return redactors.computeIfAbsent(tenant, key -> load(key)
                .cache(redactor -> properties.rulesTtl(), error -> Duration.ZERO, () -> Duration.ZERO));
    }

    private Mono<Redactor> load(String tenant) {
        return db.sql(RULES).bind(0, tenant)
                .map(row -> RedactionRule.of(row.get("name", String.class), row.get("pattern", String.class),
                        row.get("replacement", String.class)))
                .all()
                .collectList()
                .map(rules -> new Redactor(List.copyOf(rules), properties.maxSteps()));
    }
}
