package io.clarion.dispatcher.redaction;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.redaction.RedactedTexts;
import io.clarion.core.redaction.RedactionRule;
import io.clarion.core.redaction.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each tenant's {@link Redactor}: the built-in rules (unless {@code settings.redaction.builtIn} is false) plus the
 * tenant's own from {@code tenant_settings} ({@code settings.redaction.rules}, validated by the gateway), read once per {@code clarion.redaction.rules-ttl}
 * and shared by all deliveries meanwhile. A failed read is not cached: the next delivery reads again.
 */
@Component
public class TenantRedaction {
    private static final String RULES = """
            SELECT coalesce((s.settings->'redaction'->>'builtIn')::boolean, true) AS built_in,
                   ARRAY(SELECT r.rule->>'name' FROM jsonb_array_elements(coalesce(s.settings->'redaction'->'rules',
                         '[]'::jsonb)) WITH ORDINALITY AS r(rule, position) ORDER BY r.position) AS names,
                   ARRAY(SELECT r.rule->>'pattern' FROM jsonb_array_elements(coalesce(s.settings->'redaction'->'rules',
                         '[]'::jsonb)) WITH ORDINALITY AS r(rule, position) ORDER BY r.position) AS patterns,
                   ARRAY(SELECT r.rule->>'replacement' FROM jsonb_array_elements(coalesce(s.settings->'redaction'->'rules',
                         '[]'::jsonb)) WITH ORDINALITY AS r(rule, position) ORDER BY r.position) AS replacements
            FROM tenant_settings s WHERE s.tenant_id = $1""";

    private final DatabaseClient db;
    private final RedactionProperties properties;
    private final Map<String, Mono<Redactor>> redactors = new ConcurrentHashMap<>();
    private final RedactedTexts texts;

    TenantRedaction(DatabaseClient db, RedactionProperties properties) {
        this.db = db;
        this.properties = properties;
        this.texts = new RedactedTexts(properties.cacheSize());
    }

    /**
     * {@code job} with every text a customer reads redacted for its tenant: the update's title and body and, when
     * a template rendered it, the message's parts. An email keeps its own recipient's address (the only channel
     * whose destination is one); every other address is redacted. Severity and status are Clarion's own words.
     * Each distinct text is redacted once for all its deliveries ({@link RedactedTexts}: the tenant's rules read
     * again unchanged keep what was redacted, a changed rule starts afresh).
     * Errors with {@link io.clarion.core.redaction.RedactionOverrunException} when a rule exceeds its bound.
     */
    public Mono<DeliveryJob> redact(DeliveryJob job) {
        String ownEmail = job.channel() == Channel.EMAIL ? job.destination() : null;
        return redactorFor(job.tenant()).map(redactor -> redacted(job, redactor, ownEmail));
    }

    private DeliveryJob redacted(DeliveryJob job, Redactor redactor, String ownEmail) {
        UpdateContent content = job.content();
        DeliveryJob redacted = job.withContent(content.withTexts(texts.redact(redactor, content.title(), ownEmail),
                texts.redact(redactor, content.body(), ownEmail)));
        RenderedMessage message = job.message();
        return message == null ? redacted : redacted.withMessage(message.withTexts(
                texts.redact(redactor, message.subject(), ownEmail), texts.redact(redactor, message.text(), ownEmail),
                texts.redact(redactor, message.html(), ownEmail)));
    }

    /** The tenant's redactor, from the cache while it is fresh. */
    public Mono<Redactor> redactorFor(String tenant) {
        return redactors.computeIfAbsent(tenant, key -> load(key)
                .cache(redactor -> properties.rulesTtl(), error -> Duration.ZERO, () -> Duration.ZERO));
    }

    private Mono<Redactor> load(String tenant) {
        return db.sql(RULES).bind(0, tenant)
                .map(row -> Redactor.of(Boolean.TRUE.equals(row.get("built_in", Boolean.class)),
                        rules(row.get("names", String[].class), row.get("patterns", String[].class),
                                row.get("replacements", String[].class)), properties.maxSteps()))
                .one()
                .defaultIfEmpty(new Redactor(List.of(), properties.maxSteps()));
    }

    private static List<RedactionRule> rules(String[] names, String[] patterns, String[] replacements) {
        List<RedactionRule> rules = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            rules.add(RedactionRule.of(names[i], patterns[i], replacements[i]));
        }
        return rules;
    }
}
