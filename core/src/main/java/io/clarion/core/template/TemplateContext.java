package io.clarion.core.template;

import io.clarion.core.delivery.RecipientContext;
import io.clarion.core.delivery.UpdateContent;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The values a template renders over (API.md): {@code incident.*}, {@code update.*}, {@code recipient.*},
 * {@code statusUrl} and the update's {@code variables.*}, as nested maps of strings only (so a template reaches no
 * Java object). A {@code recipient.attributes.<key>} the template uses and the recipient lacks renders empty; a
 * missing {@code variables.<key>} is left missing, so a strict render fails on it.
 */
public final class TemplateContext {
    private TemplateContext() {
    }

    public static Map<String, Object> of(String incidentId, int version, UpdateContent content, String recipientId,
                                         RecipientContext recipient, String statusUrl, Collection<String> usedNames) {
        Map<String, String> attributes = new HashMap<>(recipient.attributes());
        usedNames.stream().filter(name -> name.startsWith(TemplateNames.ATTRIBUTES))
                .forEach(name -> attributes.putIfAbsent(name.substring(TemplateNames.ATTRIBUTES.length()), ""));
        return Map.of(
                "incident", Map.of("id", incidentId, "title", content.title(), "severity", content.severity()),
                "update", Map.of("status", content.status(), "body", content.body(), "version", String.valueOf(version)),
                "recipient", Map.of("id", recipientId, "tier", recipient.tier() == null ? "" : recipient.tier(),
                        "attributes", attributes),
                "statusUrl", statusUrl == null ? "" : statusUrl,
                "variables", content.variables());
    }
}
