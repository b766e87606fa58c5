package io.clarion.core.redaction;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One redaction rule: every match of {@code pattern} becomes {@code replacement} (taken literally: {@code $} and
 * {@code \} have no special meaning).
 */
public record RedactionRule(String name, Pattern pattern, String replacement) {
    public RedactionRule {
        requireNonNull(name, "name");
        requireNonNull(pattern, "pattern");
        requireNonNull(replacement, "replacement");
    }

    /** A tenant rule from its settings: {@code pattern} must compile (it was validated when the settings were put). */
    public static RedactionRule of(String name, String pattern, String replacement) {
        return new RedactionRule(name, Pattern.compile(pattern), replacement);
    }
}
