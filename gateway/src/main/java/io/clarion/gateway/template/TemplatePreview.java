package io.clarion.gateway.template;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.redaction.Redactor;
import io.clarion.core.template.ChannelWording;
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
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What each channel would send a recipient for an update, chosen, rendered and redacted by the same rules as the
 * dispatcher (the versions the update pinned, locale fallback, {@code statusUrl} with UTM parameters, strict
 * variables, the tenant's redaction) and worded by the senders' own {@link ChannelWording} (a part the template
 * lacks, or every part without a template, is the built-in one): {@code POST /v1/templates/{name}:render} for one
 * recipient, and the samples of a broadcast's blast-radius preview ({@link #samples}). Reads only; sends nothing.
 */
@Component
public class TemplatePreview {
    private static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.SMS, Channel.PUSH, Channel.WEBHOOK);

    private final PreviewReads reads;
    private final TemplateStore templates;
    private final SettingsStore settings;

    TemplatePreview(PreviewReads reads, TemplateStore templates, SettingsStore settings) {
        this.reads = reads;
        this.templates = templates;
        this.settings = settings;
    }

    record Request(String incidentId, Integer version, String recipientId) {
    }

    /**
     * One update with a template in the versions it renders with (none: no {@code name}, no {@code locales}), and
     * the tenant settings rendering needs.
     */
    private record Prepared(String name, Map<String, TemplateStore.Latest> locales, PreviewReads.Update update,
                            TenantSettings tenant, Redactor redactor) {
    }

    /** {@code POST /v1/templates/{name}:render}: template {@code name} (pinned when it is the update's own). */
    Mono<Map<String, Object>> render(String tenant, String name, Request request) {
        return reads.update(tenant, request.incidentId(), request.version())
                .flatMap(update -> prepared(tenant, name, update))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("template '" + name + "'")))
                .zipWith(reads.recipients(tenant, List.of(request.recipientId())))
                .map(both -> {
                    PreviewReads.Recipient recipient = both.getT2().get(request.recipientId());
                    if (recipient == null) {
                        throw ProblemException.notFound("recipient '" + request.recipientId() + "'");
                    }
                    return channels(both.getT1(), request.recipientId(), recipient, CHANNELS);
                });
    }

    /**
     * Per recipient id, what each channel would send it for update {@code version} ({@code null}: the latest) of
     * the incident, rendered with the update's own template in its pinned versions, or in the built-in wording when
     * the update names none; every recipient maps to no channel when the update does not exist.
     */
    public Mono<Map<String, Map<String, Object>>> samples(String tenant, String incidentId, Integer version,
                                                          Map<String, List<Channel>> channelsByRecipient) {
        return reads.update(tenant, incidentId, version)
                .flatMap(update -> update.content().template() == null ? withoutTemplate(tenant, update)
                        : prepared(tenant, update.content().template(), update)
                                .switchIfEmpty(Mono.defer(() -> withoutTemplate(tenant, update))))
                .zipWith(reads.recipients(tenant, List.copyOf(channelsByRecipient.keySet())))
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
    private Mono<Prepared> prepared(String tenant, String name, PreviewReads.Update update) {
        Map<String, Integer> pinned = name.equals(update.content().template())
                ? update.content().templateVersions() : Map.of();
        return Mono.zip(templates.versions(tenant, name, pinned).filter(found -> !found.isEmpty()),
                        settings.find(tenant))
                .map(both -> new Prepared(name, both.getT1(), update, both.getT2(),
                        both.getT2().redaction().redactor()));
    }

    /** {@code update} in the built-in wording. */
    private Mono<Prepared> withoutTemplate(String tenant, PreviewReads.Update update) {
        return settings.find(tenant).map(found -> new Prepared(null, Map.of(), update, found,
                found.redaction().redactor()));
    }

    private static Map<String, Object> channels(Prepared prepared, String recipientId,
                                                PreviewReads.Recipient recipient, List<Channel> wanted) {
        Map<String, Object> channels = new LinkedHashMap<>();
        for (Channel channel : CHANNELS) {
            if (wanted.contains(channel)) {
                channels.put(channel.wireName(), message(prepared, channel, recipientId, recipient));
            }
        }
        return channels;
    }

    /**
     * What {@code channel} sends: the template's parts (redacted) in the recipient's locale when a locale has parts
     * for it, worded as the channel's sender words them over the redacted update.
     */
    private static Map<String, Object> message(Prepared prepared, Channel channel, String recipientId,
                                               PreviewReads.Recipient recipient) {
        PreviewReads.Update update = prepared.update();
        String ownEmail = channel == Channel.EMAIL ? recipient.email() : null;
        Redactor redactor = prepared.redactor();
        UpdateContent content = update.content();
        UpdateContent redacted = content.withTexts(redactor.redact(content.title(), ownEmail),
                redactor.redact(content.body(), ownEmail));
        Map<String, Object> message = new LinkedHashMap<>();
        RenderedMessage rendered = locale(prepared, channel, recipient)
                .map(locale -> rendered(prepared, locale, channel, recipientId, recipient, ownEmail)).orElse(null);
        if (rendered != null) {
            message.put("template", rendered.template());
            message.put("locale", rendered.locale());
            message.put("templateVersion", rendered.version());
        }
        message.putAll(ChannelWording.parts(channel, update.incidentId(), update.version(), redacted, rendered));
        return message;
    }

    /** The recipient's locale among those with parts for {@code channel} (none without a template). */
    private static Optional<String> locale(Prepared prepared, Channel channel, PreviewReads.Recipient recipient) {
        List<String> available = prepared.locales().entrySet().stream()
                .filter(entry -> !parts(entry.getValue().parts(), channel).isEmpty()).map(Map.Entry::getKey).toList();
        return LocaleFallback.choose(available, recipient.context().locale(), prepared.tenant().defaultLocale());
    }

    /** The template's parts for {@code channel} in {@code locale}, rendered and redacted. */
    private static RenderedMessage rendered(Prepared prepared, String locale, Channel channel, String recipientId,
                                            PreviewReads.Recipient recipient, String ownEmail) {
        PreviewReads.Update update = prepared.update();
        TemplateStore.Latest chosen = prepared.locales().get(locale);
        String statusPageUrl = prepared.tenant().statusPageUrl();
        String statusUrl = statusPageUrl == null ? null
                : StatusLink.of(statusPageUrl, channel.wireName(), update.incidentId(), update.version());
        Map<String, MessageTemplate> compiled = new LinkedHashMap<>();
        parts(chosen.parts(), channel).forEach((part, source) ->
                compiled.put(part, MessageTemplate.compile(source, part.equals("html"))));
        var context = TemplateContext.of(update.incidentId(), update.version(), update.content(), recipientId,
                recipient.context(), statusUrl,
                compiled.values().stream().flatMap(template -> template.names().stream()).toList());
        refuseMissing(prepared.name(), compiled, update.content());
        Map<String, String> parts = new HashMap<>();
        compiled.forEach((part, template) -> parts.put(part,
                prepared.redactor().redact(template.render(context), ownEmail)));
        return new RenderedMessage(prepared.name(), chosen.version(), locale,
                parts.getOrDefault("subject", parts.get("title")), parts.getOrDefault("text", parts.get("body")),
                parts.get("html"));
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
}
