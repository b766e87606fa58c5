package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The faults injected per channel, changeable at run time from Java ({@link #set}) or over HTTP:
 * {@code PUT /sandbox/faults/{channel}} with
 * {@code {"errorRate": 0.1, "errorStatus": 503, "minLatencyMs": 0, "maxLatencyMs": 50, "down": false}},
 * {@code GET /sandbox/faults}, and {@code DELETE /sandbox/faults} (back to no faults).
 */
public final class Faults {
    static final String PATH = "/sandbox/faults";
    private static final Set<String> CHANNELS = Set.of("webhook", "email", "sms", "push");

    private final Map<String, Fault> byChannel = new ConcurrentHashMap<>();

    public void set(String channel, Fault fault) {
        requireNonNull(fault, "fault");
        if (!CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("channel: " + channel + " (expected: one of " + CHANNELS + ")");
        }
        byChannel.put(channel, fault);
    }

    public void clear() {
        byChannel.clear();
    }

    public Fault of(String channel) {
        return byChannel.getOrDefault(channel, Fault.NONE);
    }

    void addRoutes(HttpServerRoutes routes) {
        routes.get(PATH, (request, response) -> JsonReplies.json(response, Map.copyOf(byChannel)))
                .delete(PATH, (request, response) -> {
                    clear();
                    return response.status(HttpResponseStatus.NO_CONTENT).send();
                })
                .put(PATH + "/{channel}", this::put);
    }

    private Publisher<Void> put(HttpServerRequest request, HttpServerResponse response) {
        String channel = request.param("channel");
        return request.receive().aggregate().asString().defaultIfEmpty("{}")
                .flatMap(body -> Mono.from(apply(channel, body, response)));
    }

    private Publisher<Void> apply(String channel, String body, HttpServerResponse response) {
        try {
            JsonNode json = JsonReplies.MAPPER.readTree(body);
            Fault fault = new Fault(json.path("errorRate").asDouble(0), json.path("errorStatus").asInt(503),
                    Duration.ofMillis(json.path("minLatencyMs").asLong(0)),
                    Duration.ofMillis(json.path("maxLatencyMs").asLong(json.path("minLatencyMs").asLong(0))),
                    json.path("down").asBoolean(false));
            set(channel, fault);
            return JsonReplies.json(response, fault);
        } catch (JacksonException | IllegalArgumentException e) {
            return JsonReplies.problem(response, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
