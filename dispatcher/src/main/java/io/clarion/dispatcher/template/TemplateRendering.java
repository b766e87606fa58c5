package io.clarion.dispatcher.template;

import io.clarion.core.cache.BoundedCache;
import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.RecipientContext;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.template.LocaleFallback;
import io.clarion.core.template.MessageTemplate;
import io.clarion.core.template.StatusLink;
import io.clarion.core.template.TemplateContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Renders a delivery whose update names a template: the template versions the update pinned when it was posted,
 * the recipient's locale by {@link LocaleFallback} among the locales that have parts for the delivery's channel,
 * over the variables of API.md. A message is rendered once per
 * (update, template version, locale, channel) and shared by every delivery with the same values (a small LRU);
 * a template that names the recipient is rendered per distinct recipient values. A delivery without a template,
 * or whose channel no locale covers, is left to its sender's built-in text. A template that
 * names a variable the update does not give fails the render (strict), so nothing half-filled is sent.
 */
@Component
public class TemplateRendering {
    private final TemplateSources sources;
    private final BoundedCache<List<Object>, RenderedMessage> rendered;

    TemplateRendering(TemplateSources sources, TemplateProperties properties) {
        this.sources = sources;
        this.rendered = new BoundedCache<>(properties.cacheSize());
    }

    /** {@code job} with its template's message for its channel and locale (not yet redacted), or unchanged. */
    public Mono<DeliveryJob> render(DeliveryJob job) {
        String name = job.content().template();
        if (name == null) {
            return Mono.just(job);
        }
        return sources.find(job.tenant(), name, job.content().templateVersions()).map(source -> render(job, source));
    }

    private DeliveryJob render(DeliveryJob job, TemplateSource source) {
        RecipientContext recipient = job.recipient();
        var locale = LocaleFallback.choose(source.localesFor(job.channel()), recipient.locale(), source.defaultLocale());
        if (locale.isEmpty()) {
            return job;
        }
        TemplateSource.LocaleVersion chosen = source.locales().get(locale.get());
        List<MessageTemplate> parts = chosen.parts().get(job.channel());
        List<Object> key = List.of(job.tenant(), job.incidentId(), job.version(), source.name(), chosen.version(),
                locale.get(), job.channel(), recipientValues(job, parts));
        RenderedMessage message = rendered.computeIfAbsent(key,
                ignored -> message(job, source, locale.get(), chosen.version(), parts));
        return job.withMessage(message);
    }

    private static RenderedMessage message(DeliveryJob job, TemplateSource source, String locale, int version,
                                           List<MessageTemplate> parts) {
        Map<String, Object> context = context(job, source, parts);
        String first = render(parts.get(0), context);
        String second = parts.size() > 1 ? render(parts.get(1), context) : null;
        String third = parts.size() > 2 ? render(parts.get(2), context) : null;
        return job.channel() == Channel.SMS ? new RenderedMessage(source.name(), version, locale, null, first, null)
                : new RenderedMessage(source.name(), version, locale, first, second, third);
    }

    private static String render(MessageTemplate part, Map<String, Object> context) {
        return part == null ? null : part.render(context);
    }

    /** The recipient's values the parts use: part of the cache key only when a template names the recipient. */
    private static Map<String, String> recipientValues(DeliveryJob job, List<MessageTemplate> parts) {
        Map<String, String> values = new TreeMap<>();
        for (MessageTemplate part : parts) {
            if (part != null && part.names().stream().anyMatch(name -> name.startsWith("recipient."))) {
                values.put("id", job.recipientId());
                values.put("tier", String.valueOf(job.recipient().tier()));
                job.recipient().attributes().forEach((key, value) -> values.put("attributes." + key, value));
            }
        }
        return values;
    }

    private static Map<String, Object> context(DeliveryJob job, TemplateSource source, List<MessageTemplate> parts) {
        String statusUrl = source.statusPageUrl() == null ? null
                : StatusLink.of(source.statusPageUrl(), job.channel().wireName(), job.incidentId(), job.version());
        List<String> names = parts.stream().filter(part -> part != null).flatMap(part -> part.names().stream()).toList();
        return TemplateContext.of(job.incidentId(), job.version(), job.content(), job.recipientId(), job.recipient(),
                statusUrl, names);
    }
}
