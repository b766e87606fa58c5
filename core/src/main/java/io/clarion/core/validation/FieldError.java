package io.clarion.core.validation;

import static java.util.Objects.requireNonNull;

/**
 * One reason a request was refused, naming the offending field by its JSON path
 * ({@code audience.segments[0]}); the {@code errors[]} entries of a problem+json answer.
 */
public record FieldError(String field, String reason) {
    public FieldError {
        requireNonNull(field, "field");
        requireNonNull(reason, "reason");
    }
}
