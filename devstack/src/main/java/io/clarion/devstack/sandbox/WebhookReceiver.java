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
import reactor.core.publisher.Mono;
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
 * recorded.
 */
final class WebhookReceiver implements SandboxChannel {

    static final String CHANNEL = "webhook";
    static final String PATH_PREFIX = "/webhooks/";
    private static final List<String> HEADERS = List.of("webhook-id", "webhook-timestamp", "webhook-signature");

    private final Inbox inbox;
    private final Faults faults;

    WebhookReceiver(Inbox inbox, Faults faults) {
        this.inbox = requireNonNull(inbox, "inbox");
        this.faults = requireNonNull(faults, "faults");
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
        Fault fault = faults.of(CHANNEL);
        return request.receive().aggregate().asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .delayElement(fault.nextLatency())
                .flatMap(body -> Mono.from(fault.nextFails() ? failWith(fault, response)
                        : recordOrReject(request, body, response)));
    }

    /** An injected failure: answered like a broken receiver, and not recorded (it was not received). */
    private static Publisher<Void> failWith(Fault fault, HttpServerResponse response) {
        return JsonReplies.problem(response, HttpResponseStatus.valueOf(fault.errorStatus()), "injected fault");
    }

    private Publisher<Void> recordOrReject(HttpServerRequest request, String body, HttpServerResponse response) {
        JsonNode json;
        try {
            json = JsonReplies.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return JsonReplies.problem(response, HttpResponseStatus.BAD_REQUEST,
                    "webhook body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return JsonReplies.problem(response, HttpResponseStatus.BAD_REQUEST,
                    "webhook body must be a JSON object with recipientId, incidentId and version");
        }
        inbox.add(toMessage(request, json, body));
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
