package io.clarion.core.redaction;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One redaction rule: every match of {@code pattern} becomes {@code replacement} (taken literally: {@code $} and
 * {@code \} have no special meaning). Two rules are equal when their names, replacements, pattern sources and
 * pattern flags are ({@link Pattern} itself compares by identity).
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

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof RedactionRule that && name.equals(that.name)
                && replacement.equals(that.replacement) && pattern.pattern().equals(that.pattern.pattern())
                && pattern.flags() == that.pattern.flags();
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, pattern.pattern(), pattern.flags(), replacement);
    }
}
