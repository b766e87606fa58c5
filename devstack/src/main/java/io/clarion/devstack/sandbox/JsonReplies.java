package io.clarion.devstack.sandbox;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** JSON response bodies, and RFC 9457 problem details for every error the sandbox answers. */
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
