package io.clarion.core.delivery;

import java.util.Map;

/**
 * What a template may say about the recipient of a delivery, and which locale it reads: {@code locale} (a BCP 47
 * tag or {@code null}), {@code tier} and {@code attributes} (string values only; others are left out).
 */
public record RecipientContext(String locale, String tier, Map<String, String> attributes) {
    public RecipientContext {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
