package io.clarion.dispatcher.template;

import io.clarion.core.channel.Channel;
import io.clarion.core.template.MessageTemplate;
import java.util.List;
import java.util.Map;

/**
 * The latest version of each locale of one template, compiled, and the tenant settings rendering needs.
 *
 * @param locales       by locale as stored
 * @param defaultLocale the tenant's default locale ({@code null}: none set)
 * @param statusPageUrl the tenant's status page ({@code null}: none, {@code statusUrl} renders empty)
 */
record TemplateSource(String name, Map<String, LocaleVersion> locales, String defaultLocale, String statusPageUrl) {

    /** One locale's latest version: per channel its parts in order (email subject, text, html; push title, body). */
    record LocaleVersion(int version, Map<Channel, List<MessageTemplate>> parts) {
    }

    /** The locales that have parts for {@code channel}. */
    List<String> localesFor(Channel channel) {
        return locales.entrySet().stream().filter(entry -> entry.getValue().parts().containsKey(channel))
                .map(Map.Entry::getKey).toList();
    }
}
