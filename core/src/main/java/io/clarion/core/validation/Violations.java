package io.clarion.core.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every {@link FieldError} of one request, so a caller learns all that is wrong at once.
 * Checks are small named methods; each returns {@code this} for chaining.
 */
public final class Violations {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final List<FieldError> errors = new ArrayList<>();

    public Violations add(String field, String reason) {
        errors.add(new FieldError(field, reason));
        return this;
    }

    public Violations required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(field, "is required");
        }
        return this;
    }

    public Violations maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "has " + value.length() + " characters (expected: at most " + max + ")");
        }
        return this;
    }

    /** An identifier: 1..128 characters of letters, digits, {@code . _ : -}, starting with a letter or digit. */
    public Violations identifier(String field, String value) {
        if (value != null && !IDENTIFIER.matcher(value).matches()) {
            add(field, "'" + abbreviate(value) + "' is not a valid identifier "
                    + "(expected: 1-128 characters of letters, digits, '.', '_', ':' or '-')");
        }
        return this;
    }

    /** Every element of a list must be a non-blank string of at most {@code max} characters. */
    public Violations strings(String field, Collection<String> values, int max) {
        if (values == null) {
            return this;
        }
        int i = 0;
        for (String value : values) {
            String path = field + "[" + i++ + "]";
            required(path, value);
            maxLength(path, value, max);
        }
        return this;
    }

    public Violations addAll(Collection<FieldError> more) {
        errors.addAll(more);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
