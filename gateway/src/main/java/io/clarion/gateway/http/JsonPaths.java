package io.clarion.gateway.http;

import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.json.JsonMapper;

/** Field paths as problem+json names them ({@code contacts.push[0].token}), from a JSON parser's position. */
final class JsonPaths {
    /** The field of an error that is about the body as a whole. */
    static final String WHOLE_BODY = "(body)";

    private JsonPaths() {
    }

    /** The path of the current entry of {@code context}: its current name in an object, its index in an array. */
    static String of(TokenStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.push("[" + c.getCurrentIndex() + "]");
            } else if (c.currentName() != null) {
                segments.push("." + c.currentName());
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? WHOLE_BODY : path;
    }

    /**
     * The field whose value {@code prefix} (valid JSON text cut short) ends inside: the string value being
     * read when it ends in one, else the object or array it ends in.
     */
    static String whereItEnds(JsonMapper json, String prefix) {
        try (JsonParser parser = json.createParser(prefix)) {
            boolean inStringValue = false;
            try {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    inStringValue = token == JsonToken.VALUE_STRING;
                    parser.getText(); // strings are read lazily: this reads it now, so a cut one fails here
                    inStringValue = false;
                }
            } catch (JacksonException cutShort) {
                // expected: the prefix stops in the middle of a token
            }
            TokenStreamContext context = parser.streamReadContext();
            return of(inStringValue ? context : context.getParent());
        }
    }
}
