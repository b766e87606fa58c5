package io.clarion.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clarion.core.validation.FieldError;
import java.util.List;

/** An RFC 9457 problem details body; {@code errors} lists field paths and reasons for validation failures. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
}
