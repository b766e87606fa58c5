package io.clarion.gateway.template;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.RecipientContext;
import io.clarion.core.delivery.UpdateContent;
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
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What each channel would send a recipient for an update, chosen, rendered and redacted by the same rules as the
 * dispatcher (the versions the update pinned, locale fallback, {@code statusUrl} with UTM parameters, strict
 * variables, the tenant's redaction): {@code POST /v1/templates/{name}:render} for one recipient, and the samples
 * of a broadcast's blast-radius preview ({@link #samples}). Reads only; sends nothing.
 */
@Component
public class TemplatePreview {
    private static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.SMS, Channel.PUSH, Channel.WEBHOOK);

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

    private record Update(String incidentId, int version, UpdateContent content) {
    }

    private record Recipient(String email, RecipientContext context) {
    }

    /** One update with a template in the versions it renders with, and the tenant settings rendering needs. */
    private record Prepared(String name, Map<String, TemplateStore.Latest> locales, Update update,
                            TenantSettings tenant, Redactor redactor) {
    }

    /** {@code POST /v1/templates/{name}:render}: template {@code name} (pinned when it is the update's own). */
    Mono<Map<String, Object>> render(String tenant, String name, Request request) {
        return update(tenant, request.incidentId(), request.version())
                .flatMap(update -> prepared(tenant, name, update))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("template '" + name + "'")))
                .zipWith(recipients(tenant, List.of(request.recipientId())))
                .map(both -> {
                    Recipient recipient = both.getT2().get(request.recipientId());
                    if (recipient == null) {
                        throw ProblemException.notFound("recipient '" + request.recipientId() + "'");
                    }
                    return channels(both.getT1(), request.recipientId(), recipient, CHANNELS);
                });
    }

    /**
     * Per recipient id, what each channel would send it for update {@code version} ({@code null}: the latest) of
     * the incident, rendered with the update's own template in its pinned versions; every recipient maps to no
     * channel when the update names no template (the dispatcher's built-in text) or does not exist.
     */
    public Mono<Map<String, Map<String, Object>>> samples(String tenant, String incidentId, Integer version,
                                                          Map<String, List<Channel>> channelsByRecipient) {
        return update(tenant, incidentId, version)
                .filter(update -> update.content().template() != null)
                .flatMap(update -> prepared(tenant, update.content().template(), update))
                .zipWith(recipients(tenant, List.copyOf(channelsByRecipient.keySet())))
                .map(both -> {
                    Map<String, Map<String, Object>> samples = new LinkedHashMap<>();
                    both.getT2().forEach((id, recipient) -> samples.put(id,
                            channels(both.getT1(), id, recipient, channelsByRecipient.get(id))));
                    return samples;
                })
                .onErrorResume(ProblemException.class, e -> Mono.empty())
                .defaultIfEmpty(Map.of());
    }

    /** Template {@code name} for {@code update}: the versions it pinned when it names this template, else the latest. */
    private Mono<Prepared> prepared(String tenant, String name, Update update) {
        Map<String, Integer> pinned = name.equals(update.content().template())
                ? update.content().templateVersions() : Map.of();
        return Mono.zip(templates.versions(tenant, name, pinned).filter(found -> !found.isEmpty()),
                        settings.find(tenant))
                .map(both -> new Prepared(name, both.getT1(), update, both.getT2(),
                        both.getT2().redaction().redactor()));
    }

    private static Map<String, Object> channels(Prepared prepared, String recipientId, Recipient recipient,
                                                List<Channel> wanted) {
        Map<String, Object> channels = new LinkedHashMap<>();
        for (Channel channel : CHANNELS) {
            if (!wanted.contains(channel)) {
                continue;
            }
            List<String> available = prepared.locales().entrySet().stream()
                    .filter(entry -> !parts(entry.getValue().parts(), channel).isEmpty()).map(Map.Entry::getKey).toList();
            LocaleFallback.choose(available, recipient.context().locale(), prepared.tenant().defaultLocale())
                    .ifPresent(locale -> channels.put(channel.wireName(),
                            message(prepared, locale, channel, recipientId, recipient)));
        }
        return channels;
    }

    private static Map<String, Object> message(Prepared prepared, String locale, Channel channel, String recipientId,
                                               Recipient recipient) {
        Update update = prepared.update();
        TemplateStore.Latest chosen = prepared.locales().get(locale);
        String statusPageUrl = prepared.tenant().statusPageUrl();
        String statusUrl = statusPageUrl == null ? null
                : StatusLink.of(statusPageUrl, channel.wireName(), update.incidentId(), update.version());
        String ownEmail = channel == Channel.EMAIL ? recipient.email() : null;
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("template", prepared.name());
        message.put("locale", locale);
        message.put("templateVersion", chosen.version());
        Map<String, MessageTemplate> compiled = new LinkedHashMap<>();
        parts(chosen.parts(), channel).forEach((part, source) ->
                compiled.put(part, MessageTemplate.compile(source, part.equals("html"))));
        var context = TemplateContext.of(update.incidentId(), update.version(), update.content(), recipientId,
                recipient.context(), statusUrl,
                compiled.values().stream().flatMap(template -> template.names().stream()).toList());
        refuseMissing(prepared.name(), compiled, update.content());
        compiled.forEach((part, template) ->
                message.put(part, prepared.redactor().redact(template.render(context), ownEmail)));
        return message;
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

    private Mono<Update> update(String tenant, String incidentId, Integer version) {
        return db.sql("""
                        SELECT version, severity, status, title, body, template,
                               ARRAY(SELECT k FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS names,
                               ARRAY(SELECT v FROM jsonb_each_text(template_variables) AS e(k, v) ORDER BY k) AS vals,
                               ARRAY(SELECT k FROM jsonb_each_text(template_versions) AS e(k, v) ORDER BY k) AS locales,
                               ARRAY(SELECT v::int FROM jsonb_each_text(template_versions) AS e(k, v) ORDER BY k) AS pins
                        FROM incident_updates WHERE tenant_id = $1 AND incident_id = $2
                          AND version = coalesce($3, (SELECT latest_version FROM incidents
                                                      WHERE tenant_id = $1 AND id = $2))""")
                .bind(0, tenant).bind(1, incidentId)
                .bind(2, Parameter.fromOrEmpty(version, Integer.class))
                .map(row -> new Update(incidentId, row.get("version", Integer.class), new UpdateContent(
                        row.get("severity", String.class), row.get("status", String.class), row.get("title", String.class),
                        row.get("body", String.class), row.get("template", String.class),
                        zip(row.get("names", String[].class), row.get("vals", String[].class)),
                        zip(row.get("locales", String[].class), row.get("pins", Integer[].class)))))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("update " + version
                        + " of incident '" + incidentId + "'")));
    }

    /** The recipients among {@code ids} that exist, by id. */
    private Mono<Map<String, Recipient>> recipients(String tenant, List<String> ids) {
        return db.sql("""
                        SELECT id, email, locale, tier,
                               ARRAY(SELECT a.key FROM jsonb_each(attributes) a WHERE jsonb_typeof(a.value) = 'string'
                                     ORDER BY a.key) AS names,
                               ARRAY(SELECT a.value #>> '{}' FROM jsonb_each(attributes) a
                                     WHERE jsonb_typeof(a.value) = 'string' ORDER BY a.key) AS vals
                        FROM recipients WHERE tenant_id = $1 AND id = ANY ($2) ORDER BY id""")
                .bind(0, tenant).bind(1, ids.toArray(String[]::new))
                .map(row -> Map.entry(row.get("id", String.class), new Recipient(row.get("email", String.class),
                        new RecipientContext(row.get("locale", String.class), row.get("tier", String.class),
                                zip(row.get("names", String[].class), row.get("vals", String[].class))))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    private static <V> Map<String, V> zip(String[] names, V[] values) {
        Map<String, V> zipped = new HashMap<>();
        for (int i = 0; names != null && i < names.length; i++) {
            zipped.put(names[i], values[i]);
        }
        return zipped;
    }
}
