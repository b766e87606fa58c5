package io.clarion.gateway.problem;

import static java.util.Objects.requireNonNull;

import io.clarion.core.validation.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request Clarion refuses, with what was wrong and what was expected. Thrown before any state
 * changes (or inside the transaction that it then rolls back), so a refused request changes nothing.
 */
public final class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final List<FieldError> errors;

    public ProblemException(HttpStatus status, String type, String detail, List<FieldError> errors) {
        super(requireNonNull(detail, "detail"), null, false, false);
        this.status = requireNonNull(status, "status");
        this.type = requireNonNull(type, "type");
        this.errors = List.copyOf(errors);
    }

    /** 400 with every field that is wrong. */
    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "the request has invalid fields", errors);
    }

    /** 422: the request is well formed but names something that does not exist or cannot be done. */
    public static ProblemException unprocessable(String field, String reason) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unprocessable", field + ": " + reason,
                List.of(new FieldError(field, reason)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", what + " does not exist", List.of());
    }

    public static ProblemException of(HttpStatus status, String type, String detail) {
        return new ProblemException(status, type, detail, List.of());
    }

    public Problem toProblem() {
        return new Problem(ProblemTypes.uri(type), status.getReasonPhrase(), status.value(), getMessage(), errors);
    }

    /** The fields that are wrong, each with its reason; empty when the refusal is about no one field. */
    public List<FieldError> errors() {
        return errors;
    }

    public HttpStatus status() {
        return status;
    }
}
