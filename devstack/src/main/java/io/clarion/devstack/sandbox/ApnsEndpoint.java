package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Apple Push Notification service's provider API: {@code POST /3/device/{token}}, spoken over HTTP/2
 * cleartext with prior knowledge on the sandbox's port (production APNs is HTTP/2 over TLS; HTTP/1.1 is
 * accepted here too, not enforced). It requires {@code authorization: bearer <JWT>} whose header has
 * {@code alg: ES256} and a {@code kid} and whose claims have {@code iss} (team id) and {@code iat}
 * (403 {@code MissingProviderToken} / {@code InvalidProviderToken} otherwise; the signature is not
 * verified), {@code apns-topic} (400 {@code MissingTopic}), a UUID {@code apns-id} when one is given
 * (400 {@code BadMessageId}) and a payload of at most 4 KB (400 {@code PayloadEmpty}, 413
 * {@code PayloadTooLarge}). It answers 200 with the {@code apns-id} header, errors with their status and
 * {@code {"reason": ...}} ({@link ApnsErrors}).
 *
 * <p>Each accepted notification is one inbox message whose recipient, incident, version and message id
 * are the payload's top-level {@code recipientId}, {@code incidentId}, {@code version} (a number) and
 * {@code messageId}.
 */
final class ApnsEndpoint implements SandboxChannel {

    static final String CHANNEL = "push";
    static final String PATH_PREFIX = "/3/device/";
    private static final int MAX_PAYLOAD_BYTES = 4096;
    private static final List<String> HEADERS = List.of("apns-id", "apns-topic", "apns-push-type", "apns-priority",
            "apns-collapse-id", "apns-expiration");

    private final ProviderGate gate;

    ApnsEndpoint(Inbox inbox, Faults faults) {
        this.gate = new ProviderGate(CHANNEL, faults, requireNonNull(inbox, "inbox"));
    }

    @Override
    public void addRoutes(HttpServerRoutes routes) {
        routes.route(request -> request.method().equals(HttpMethod.POST)
                && new QueryStringDecoder(request.uri()).path().startsWith(PATH_PREFIX), this::push);
    }

    private Publisher<Void> push(HttpServerRequest request, HttpServerResponse response) {
        HttpHeaders headers = request.requestHeaders();
        String apnsId = headers.get("apns-id", UUID.randomUUID().toString());
        response.header("apns-id", apnsId);
        String refused = refusal(headers.get(HttpHeaderNames.AUTHORIZATION), headers.get("apns-topic"), apnsId);
        if (refused != null) {
            return gate.refuse(ApnsErrors.answer(response, refused));
        }
        String path = new QueryStringDecoder(request.uri()).path();
        String token = path.substring(PATH_PREFIX.length());
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> Mono.from(deliver(token, path, body, protocolHeaders(headers, apnsId), response)));
    }

    private Publisher<Void> deliver(String token, String path, String body, Map<String, String> headers,
                                    HttpServerResponse response) {
        if (token.isEmpty()) {
            return gate.refuse(ApnsErrors.answer(response, "MissingDeviceToken"));
        }
        if (body.isBlank()) {
            return gate.refuse(ApnsErrors.answer(response, "PayloadEmpty"));
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            return gate.refuse(ApnsErrors.answer(response, "PayloadTooLarge"));
        }
        return gate.pass(List.of(token), () -> accept(path, body, headers, response),
                verdict -> ApnsErrors.answer(response, verdict.kind() == Verdict.Kind.THROTTLE ? ApnsErrors.THROTTLED
                        : verdict.errorCodeOr(ApnsErrors.UNAVAILABLE)));
    }

    private Publisher<Void> accept(String path, String body, Map<String, String> headers, HttpServerResponse response) {
        JsonNode payload = payload(body);
        JsonNode version = payload.path("version");
        gate.record(new SandboxMessage(CHANNEL, text(payload, "recipientId"), text(payload, "incidentId"),
                version.isIntegralNumber() ? version.longValue() : null, text(payload, "messageId"), Instant.now(),
                path, headers, body));
        return response.status(HttpResponseStatus.OK).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
    }

    /** Why APNs would refuse the request from its headers alone, or {@code null}. */
    private static String refusal(String authorization, String topic, String apnsId) {
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            return "MissingProviderToken";
        }
        boolean wellFormed = JwtShape.parse(authorization.substring(7))
                .filter(jwt -> jwt.algorithmIs("ES256") && jwt.hasHeader("kid") && jwt.hasClaims("iss", "iat"))
                .isPresent();
        if (!wellFormed) {
            return "InvalidProviderToken";
        }
        if (topic == null || topic.isBlank()) {
            return "MissingTopic";
        }
        return isUuid(apnsId) ? null : "BadMessageId";
    }

    private static boolean isUuid(String value) {
        try {
            return value.length() == 36 && UUID.fromString(value) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, String> protocolHeaders(HttpHeaders headers, String apnsId) {
        Map<String, String> kept = new LinkedHashMap<>();
        HEADERS.forEach(name -> {
            String value = headers.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        });
        kept.put("apns-id", apnsId);
        return kept;
    }

    private static JsonNode payload(String body) {
        try {
            return JsonReplies.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return JsonReplies.MAPPER.missingNode();
        }
    }

    private static String text(JsonNode payload, String field) {
        JsonNode node = payload.path(field);
        return node.isString() ? node.stringValue() : null;
    }
}
