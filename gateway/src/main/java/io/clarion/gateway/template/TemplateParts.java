package io.clarion.gateway.template;

import io.clarion.core.template.MessageTemplate;
import io.clarion.core.template.TemplateException;
import io.clarion.core.template.TemplateNames;
import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One locale of a template, per channel, as {@code PUT /v1/templates/{name}/locales/{locale}} takes it (any subset
 * of channels) and as it is stored ({@code templates.parts}).
 */
public record TemplateParts(Email email, Sms sms, Push push, Webhook webhook) {
    private static final int MAX_PART = 10_000;

    /** The email parts: {@code html} escapes variables, {@code subject} and {@code text} do not. */
    public record Email(String subject, String text, String html) {
    }

    public record Sms(String text) {
    }

    public record Push(String title, String body) {
    }

    /** What a webhook's {@code message} says: its {@code title} and {@code body}. */
    public record Webhook(String title, String body) {
    }

    /** Every part by its path ({@code email.subject}, {@code sms.text}, ...), absent ones left out. */
    public Map<String, String> byPath() {
        Map<String, String> parts = new LinkedHashMap<>();
        if (email != null) {
            put(parts, "email.subject", email.subject());
            put(parts, "email.text", email.text());
            put(parts, "email.html", email.html());
        }
        if (sms != null) {
            put(parts, "sms.text", sms.text());
        }
        if (push != null) {
            put(parts, "push.title", push.title());
            put(parts, "push.body", push.body());
        }
        if (webhook != null) {
            put(parts, "webhook.title", webhook.title());
            put(parts, "webhook.body", webhook.body());
        }
        return parts;
    }

    /** Every name the parts use. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        byPath().forEach((path, source) -> names.addAll(compile(path, source).names()));
        return names;
    }

    List<FieldError> validate() {
        Violations v = new Violations();
        Map<String, String> parts = byPath();
        if (parts.isEmpty()) {
            v.add("email|sms|push|webhook", "is required (expected: at least one channel's parts)");
        }
        parts.forEach((path, source) -> {
            v.maxLength(path, source, MAX_PART);
            try {
                List<String> unknown = TemplateNames.unknown(compile(path, source).names());
                if (!unknown.isEmpty()) {
                    v.add(path, "uses unknown names " + unknown + " (expected: incident.id|title|severity, "
                            + "update.status|body|version, recipient.id|tier, recipient.attributes.<key>, statusUrl, "
                            + "variables.<key>)");
                }
            } catch (TemplateException e) {
                v.add(path, "is not a valid template: " + e.getMessage());
            }
        });
        return v.errors();
    }

    private static MessageTemplate compile(String path, String source) {
        return MessageTemplate.compile(source, path.endsWith(".html"));
    }

    private static void put(Map<String, String> parts, String path, String source) {
        if (source != null) {
            parts.put(path, source);
        }
    }
}
