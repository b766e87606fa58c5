package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Collection;
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
 * {@code {"errorRate": 0.1, "errorStatus": 503, "minLatencyMs": 0, "maxLatencyMs": 50, "down": false,
 * "errorCode": "21211", "ratePerSecond": 0, "onlyFor": "+15550100001"}} (every field optional),
 * {@code GET /sandbox/faults}, and {@code DELETE /sandbox/faults} (back to no faults).
 *
 * <p>{@link #judge} decides each provider request; the rate cap counts every request for the channel
 * (that the fault applies to) in the current wall-clock second, and starts afresh when a fault is set.
 */
public final class Faults {
    static final String PATH = "/sandbox/faults";
    private static final Set<String> CHANNELS = Set.of("webhook", "email", "sms", "push");

    private final Map<String, Fault> byChannel = new ConcurrentHashMap<>();
    private final Map<String, RateWindow> rates = new ConcurrentHashMap<>();

    public void set(String channel, Fault fault) {
        requireNonNull(fault, "fault");
        if (!CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("channel: " + channel + " (expected: one of " + CHANNELS + ")");
        }
        byChannel.put(channel, fault);
        rates.put(channel, new RateWindow());
    }

    public void clear() {
        byChannel.clear();
        rates.clear();
    }

    public Fault of(String channel) {
        return byChannel.getOrDefault(channel, Fault.NONE);
    }

    /** The verdict on one request to {@code channel} for {@code destinations} (addresses, numbers, tokens, paths). */
    Verdict judge(String channel, Collection<String> destinations) {
        Fault fault = of(channel);
        if (fault == Fault.NONE || !fault.appliesTo(destinations)) {
            return Verdict.ACCEPT;
        }
        Duration latency = fault.nextLatency();
        if (fault.down()) {
            return new Verdict(latency, Verdict.Kind.DOWN, null);
        }
        RateWindow window = rates.computeIfAbsent(channel, name -> new RateWindow());
        if (!window.admit(fault.ratePerSecond(), System.currentTimeMillis())) {
            return new Verdict(latency, Verdict.Kind.THROTTLE, null);
        }
        return fault.nextFails() ? new Verdict(latency, Verdict.Kind.FAIL, fault.errorCode())
                : new Verdict(latency, Verdict.Kind.ACCEPT, null);
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
                    json.path("down").asBoolean(false), text(json, "errorCode"), json.path("ratePerSecond").asInt(0),
                    text(json, "onlyFor"));
            set(channel, fault);
            return JsonReplies.json(response, fault);
        } catch (JacksonException | IllegalArgumentException e) {
            return JsonReplies.problem(response, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** A string or number field as text (Twilio codes may be given as {@code 21211} or {@code "21211"}). */
    private static String text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isString() || node.isNumber() ? node.asString() : null;
    }
}
