package io.clarion.gateway.template;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.RecipientContext;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.redaction.BoundedMatching;
import io.clarion.core.redaction.RedactionRule;
import io.clarion.core.redaction.Redactor;
import io.clarion.core.template.LocaleFallback;
import io.clarion.core.template.MessageTemplate;
import io.clarion.core.template.StatusLink;
import io.clarion.core.template.TemplateContext;
import io.clarion.core.template.TemplateNames;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.settings.SettingsStore;
import io.clarion.gateway.settings.TenantSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/templates/{name}:render}: what each channel would send one recipient for one update, chosen,
 * rendered and redacted by the same rules as the dispatcher (locale fallback, {@code statusUrl} with UTM
 * parameters, strict variables, the tenant's redaction). Reads only; sends nothing.
 */
@Component
class TemplatePreview {
    private static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.SMS, Channel.PUSH);

    private final DatabaseClient db;
    private final TemplateStore templates;
    private final SettingsStore settings;

    TemplatePreview(DatabaseClient db, TemplateStore templates, SettingsStore settings) {
        this.db = db;
        this.templates = templates;
        this.settings = settings;
    }

    record Request(String incidentId, Integer version, String recipientId) {
    }

    private record Update(int version, UpdateContent content) {
    }

    private record Recipient(String email, RecipientContext context) {
    }

    Mono<Map<String, Object>> render(String tenant, String name, Request request) {
        return Mono.zip(templates.latest(tenant, name).filter(found -> !found.isEmpty())
                                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("template '" + name + "'"))),
                        update(tenant, request), recipient(tenant, request.recipientId()), settings.find(tenant))
                .map(all -> channels(name, all.getT1(), all.getT2(), request, all.getT3(), all.getT4()));
    }

    private static Map<String, Object> channels(String name, Map<String, TemplateStore.Latest> locales, Update update,
                                                Request request, Recipient recipient, TenantSettings tenant) {
        Redactor redactor = new Redactor(tenant.redaction().rules().stream()
                .map(rule -> RedactionRule.of(rule.name(), rule.pattern(), rule.replacement())).toList(),
                BoundedMatching.DEFAULT_MAX_STEPS);
        Map<String, Object> channels = new LinkedHashMap<>();
        for (Channel channel : CHANNELS) {
            List<String> available = locales.entrySet().stream()
                    .filter(entry -> !parts(entry.getValue().parts(), channel).isEmpty()).map(Map.Entry::getKey).toList();
            LocaleFallback.choose(available, recipient.context().locale(), tenant.defaultLocale()).ifPresent(locale -> {
                TemplateStore.Latest latest = locales.get(locale);
                Map<String, String> sources = parts(latest.parts(), channel);
                String statusUrl = tenant.statusPageUrl() == null ? null : StatusLink.of(tenant.statusPageUrl(),
                        channel.wireName(), request.incidentId(), update.version());
                String ownEmail = channel == Channel.EMAIL ? recipient.email() : null;
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("template", name);
                message.put("locale", locale);
                message.put("templateVersion", latest.version());
                Map<String, MessageTemplate> compiled = new LinkedHashMap<>();
                sources.forEach((part, source) -> compiled.put(part, MessageTemplate.compile(source, part.equals("html"))));
                var context = TemplateContext.of(request.incidentId(), update.version(), update.content(),
                        request.recipientId(), recipient.context(), statusUrl,
                        compiled.values().stream().flatMap(template -> template.names().stream()).toList());
                refuseMissing(name, compiled, update.content());
                compiled.forEach((part, template) -> message.put(part, redactor.redact(template.render(context), ownEmail)));
                channels.put(channel.wireName(), message);
            });
        }
        return channels;
    }

    private static void refuseMissing(String name, Map<String, MessageTemplate> compiled, UpdateContent content) {
        List<String> missing = TemplateNames.missingVariables(compiled.values().stream()
                .flatMap(template -> template.names().stream()).toList(), content.variables());
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("variables", "template '" + name + "' uses variables the update "
                    + "does not give: " + String.join(", ", missing));
        }
    }

    /** A channel's parts by their name in the message ({@code subject}, {@code text}, {@code html}, {@code title}, {@code body}). */
    private static Map<String, String> parts(TemplateParts parts, Channel channel) {
        Map<String, String> byName = new LinkedHashMap<>();
        String prefix = channel.wireName() + ".";
        parts.byPath().forEach((path, source) -> {
            if (path.startsWith(prefix)) {
                byName.put(path.substring(prefix.length()), source);
            }
        });
        return byName;
    }

    private Mono<Update> update(String tenant, Request request) {
        return db.sql("""
                        SELECT version, severity, status, title, body, template,
                               ARRAY(SELECT k FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS names,
                               ARRAY(SELECT v FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS vals
                        FROM incident_updates WHERE tenant_id = $1 AND incident_id = $2
                          AND version = coalesce($3, (SELECT latest_version FROM incidents
                                                      WHERE tenant_id = $1 AND id = $2))""")
                .bind(0, tenant).bind(1, request.incidentId())
                .bind(2, org.springframework.r2dbc.core.Parameter.fromOrEmpty(request.version(), Integer.class))
                .map(row -> new Update(row.get("version", Integer.class), new UpdateContent(
                        row.get("severity", String.class), row.get("status", String.class), row.get("title", String.class),
                        row.get("body", String.class), row.get("template", String.class),
                        zip(row.get("names", String[].class), row.get("vals", String[].class)))))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("update " + request.version()
                        + " of incident '" + request.incidentId() + "'")));
    }

    private Mono<Recipient> recipient(String tenant, String id) {
        return db.sql("""
                        SELECT email, locale, tier,
                               ARRAY(SELECT a.key FROM jsonb_each(attributes) a WHERE jsonb_typeof(a.value) = 'string'
                                     ORDER BY a.key) AS names,
                               ARRAY(SELECT a.value #>> '{}' FROM jsonb_each(attributes) a
                                     WHERE jsonb_typeof(a.value) = 'string' ORDER BY a.key) AS vals
                        FROM recipients WHERE tenant_id = $1 AND id = $2""")
                .bind(0, tenant).bind(1, id)
                .map(row -> new Recipient(row.get("email", String.class), new RecipientContext(
                        row.get("locale", String.class), row.get("tier", String.class),
                        zip(row.get("names", String[].class), row.get("vals", String[].class)))))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("recipient '" + id + "'")));
    }

    private static Map<String, String> zip(String[] names, String[] values) {
        Map<String, String> zipped = new HashMap<>();
        for (int i = 0; names != null && i < names.length; i++) {
            zipped.put(names[i], values[i]);
        }
        return zipped;
    }
}
