package io.clarion.dispatcher.template;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rendering updates with message templates.
 *
 * @param ttl       how long a dispatcher uses a template's latest versions and the tenant's default locale and
 *                  status page before reading them again
 * @param cacheSize rendered messages kept (one per update, template version, locale, channel and, for templates
 *                  that name the recipient, recipient values): deliveries of one update share them
 */
@ConfigurationProperties("clarion.templates")
public record TemplateProperties(@DefaultValue("30s") Duration ttl, @DefaultValue("1024") int cacheSize) {
    public TemplateProperties {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("clarion.templates.ttl: " + ttl + " (expected: >= 0)");
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("clarion.templates.cache-size: " + cacheSize + " (expected: > 0)");
        }
    }
}
