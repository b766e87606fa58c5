package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A webhook endpoint as a recipient would run it: {@code POST /webhooks/{anything}} answers 200
 * and records the message, taking recipient, incident and version from the JSON body
 * ({@code recipientId}, {@code incidentId}, {@code version}) and the message id from the
 * {@code webhook-id} header. A body that is not a JSON object is answered with 400 and not
 * recorded. An injected failure is answered with the fault's {@code errorStatus}, a request above its
 * {@code ratePerSecond} with 429 and {@code Retry-After: 1}; {@code onlyFor} names a path such as
 * {@code /webhooks/r-1}.
 */
final class WebhookReceiver implements SandboxChannel {

    static final String CHANNEL = "webhook";
    static final String PATH_PREFIX = "/webhooks/";
    private static final List<String> HEADERS = List.of("webhook-id", "webhook-timestamp", "webhook-signature");

    private final Faults faults;
    private final ProviderGate gate;

    WebhookReceiver(Inbox inbox, Faults faults) {
        this.faults = requireNonNull(faults, "faults");
        this.gate = new ProviderGate(CHANNEL, faults, inbox);
    }

    @Override
    public void addRoutes(HttpServerRoutes routes) {
        routes.route(WebhookReceiver::isWebhook, this::receive);
    }

    private static boolean isWebhook(HttpServerRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        return request.method().equals(HttpMethod.POST) && path.startsWith(PATH_PREFIX)
                && path.length() > PATH_PREFIX.length();
    }

    private Publisher<Void> receive(HttpServerRequest request, HttpServerResponse response) {
        String path = new QueryStringDecoder(request.uri()).path();
        return request.receive().aggregate().asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .flatMap(body -> gate.pass(List.of(path), () -> recordOrReject(request, body, response),
                        verdict -> failWith(verdict, response)));
    }

    /** An injected failure: answered like a broken receiver, and not recorded (it was not received). */
    private Publisher<Void> failWith(Verdict verdict, HttpServerResponse response) {
        if (verdict.kind() == Verdict.Kind.THROTTLE) {
            return JsonReplies.problem(response.header(HttpHeaderNames.RETRY_AFTER, "1"),
                    HttpResponseStatus.TOO_MANY_REQUESTS, "injected rate cap");
        }
        return JsonReplies.problem(response, HttpResponseStatus.valueOf(faults.of(CHANNEL).errorStatus()),
                "injected fault");
    }

    private Publisher<Void> recordOrReject(HttpServerRequest request, String body, HttpServerResponse response) {
        JsonNode json;
        try {
            json = JsonReplies.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return gate.refuse(JsonReplies.problem(response, HttpResponseStatus.BAD_REQUEST,
                    "webhook body is not JSON: " + e.getOriginalMessage()));
        }
        if (json == null || !json.isObject()) {
            return gate.refuse(JsonReplies.problem(response, HttpResponseStatus.BAD_REQUEST,
                    "webhook body must be a JSON object with recipientId, incidentId and version"));
        }
        gate.record(toMessage(request, json, body));
        return response.status(HttpResponseStatus.OK).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
    }

    private static SandboxMessage toMessage(HttpServerRequest request, JsonNode json, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : HEADERS) {
            String value = request.requestHeaders().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new SandboxMessage(CHANNEL, text(json, "recipientId"), text(json, "incidentId"), number(json, "version"),
                headers.get("webhook-id"), Instant.now(), new QueryStringDecoder(request.uri()).path(), headers, body);
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isString() ? node.stringValue() : null;
    }

    private static Long number(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isIntegralNumber() ? node.longValue() : null;
    }
}
