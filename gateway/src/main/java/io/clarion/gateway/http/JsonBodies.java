package io.clarion.gateway.http;

import io.clarion.core.validation.FieldError;
import io.clarion.gateway.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place request bodies become objects, and where they are held to be strict: the bytes must be
 * well-formed UTF-8 (else 400 naming the field the bad byte is in), the JSON must parse as the expected
 * type (else 400 saying where it stopped), and every field must be one the type declares (else 400
 * naming each unknown field with the fields expected there). Handlers take bodies as bytes so that
 * nothing decodes them leniently before this does; the idempotency fingerprint uses the decoded text.
 */
@Component
public class JsonBodies {
    private final JsonMapper json;

    JsonBodies(JsonMapper json) {
        this.json = json;
    }

    /** A request body read strictly as {@code type}; any refusal is a 400 {@link ProblemException}. */
    public <T> T read(byte[] body, Class<T> type) {
        return read(text(body), type);
    }

    /** The text of a request body, refused with a 400 naming the field that holds a malformed byte. */
    public String text(byte[] body) {
        String text = StrictUtf8.decodeOrNull(body);
        if (text != null) {
            return text;
        }
        int at = StrictUtf8.malformedAt(body);
        String field = JsonPaths.whereItEnds(json, new String(body, 0, at, StandardCharsets.UTF_8));
        throw new ProblemException(HttpStatus.BAD_REQUEST, "unreadable-body", "the request body is not valid UTF-8 "
                + "(byte " + at + ")", List.of(new FieldError(field, "is not valid UTF-8 (byte " + at
                + "; expected: UTF-8 text)")));
    }

    /** Text a handler already holds ({@link #text}), read strictly as {@code type}. */
    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "unreadable-body", "the request body is empty "
                    + "(expected: a JSON object)");
        }
        try {
            JsonNode tree = json.readTree(body);
            refuseUnknownFields(UnknownFields.in(tree, type));
            T value = json.treeToValue(tree, type);
            if (value == null) {
                throw ProblemException.of(HttpStatus.BAD_REQUEST, "unreadable-body", "expected a JSON object, got null");
            }
            return value;
        } catch (JacksonException e) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "unreadable-body",
                    "the request body is not the expected JSON: " + e.getOriginalMessage());
        }
    }

    private static void refuseUnknownFields(List<FieldError> unknown) {
        if (!unknown.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation", "the request has fields Clarion does not "
                    + "know: " + String.join(", ", unknown.stream().map(FieldError::field).toList()), unknown);
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
