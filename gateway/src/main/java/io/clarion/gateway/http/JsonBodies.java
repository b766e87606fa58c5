package io.clarion.gateway.http;

import io.clarion.gateway.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies that handlers took as text (the idempotency fingerprint needs the raw bytes),
 * turning malformed JSON into a 400 problem that says where parsing stopped.
 */
@Component
public class JsonBodies {
    private final JsonMapper json;

    JsonBodies(JsonMapper json) {
        this.json = json;
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "unreadable-body", "the request body is empty "
                    + "(expected: a JSON object)");
        }
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw ProblemException.of(HttpStatus.BAD_REQUEST, "unreadable-body", "expected a JSON object, got null");
            }
            return value;
        } catch (JacksonException e) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "unreadable-body",
                    "the request body is not the expected JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads JSON the service itself stored; a failure here is a bug, not a bad request. */
    public <T> T read(String stored, tools.jackson.core.type.TypeReference<T> type) {
        return json.readValue(stored, type);
    }

    public String write(Object value) {
        return json.writeValueAsString(value);
    }
}
