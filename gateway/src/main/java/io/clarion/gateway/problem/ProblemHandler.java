package io.clarion.gateway.problem;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Turns every refusal and failure of a handler into {@code application/problem+json}. */
@RestControllerAdvice
class ProblemHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Problem> refused(ProblemException e) {
        return respond(e);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Problem> unreadable(ServerWebInputException e) {
        if (causedByBodyLimit(e)) {
            return respond(ProblemException.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "the request body is larger than the gateway accepts (see clarion.http.max-body-size)"));
        }
        return respond(ProblemException.of(HttpStatus.BAD_REQUEST, "unreadable-body", e.getReason()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Problem> framework(ResponseStatusException e) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        String detail = e.getReason() != null ? e.getReason() : status.getReasonPhrase();
        return respond(new ProblemException(status, "http-" + status.value(), detail, List.of()));
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<Problem> tooLarge(DataBufferLimitException e) {
        return respond(ProblemException.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> bug(Exception e) {
        log.error("request failed", e);
        return respond(ProblemException.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "the gateway failed to handle the request; it was logged"));
    }

    static ResponseEntity<Problem> respond(ProblemException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(e.toProblem());
    }

    private static boolean causedByBodyLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataBufferLimitException) {
                return true;
            }
        }
        return false;
    }
}
