package io.clarion.devstack.sandbox;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON response bodies, and RFC 9457 problem details for every error the sandbox answers about itself
 * (the provider channels answer in their provider's own error format).
 */
final class JsonReplies {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonReplies() {
    }

    static Publisher<Void> json(HttpServerResponse response, Object body) {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        return response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendByteArray(Mono.just(bytes));
    }

    static Publisher<Void> json(HttpServerResponse response, HttpResponseStatus status, Object body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendByteArray(Mono.just(MAPPER.writeValueAsBytes(body)));
    }

    /** A map of the given keys and values in that order, where a {@code null} value leaves its key out. */
    static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return fields;
    }

    static Publisher<Void> problem(HttpServerResponse response, HttpResponseStatus status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.reasonPhrase());
        problem.put("status", status.code());
        problem.put("detail", detail);
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .sendByteArray(Mono.just(MAPPER.writeValueAsBytes(problem)));
    }
}
