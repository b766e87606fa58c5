package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Firebase Cloud Messaging HTTP v1 and the Google OAuth2 token endpoint it needs.
 *
 * <p>{@code POST /token} takes the JWT-bearer grant ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer},
 * {@code assertion=<JWT>}); an assertion with header {@code alg: RS256} and claims {@code iss}, {@code scope},
 * {@code aud}, {@code iat} and {@code exp} gets {@code {"access_token", "expires_in": 3599, "token_type":
 * "Bearer"}}, anything else 400 {@code invalid_grant}. The signature is not verified.
 *
 * <p>{@code POST /v1/projects/{project}/messages:send} requires {@code Authorization: Bearer} with a token
 * this sandbox issued (401 {@code UNAUTHENTICATED} otherwise) and {@code message.token}; it answers
 * {@code {"name": "projects/{project}/messages/..."}} and records one inbox message whose recipient,
 * incident, version and message id are {@code message.data}'s {@code recipientId}, {@code incidentId},
 * {@code version} and {@code messageId}. Errors are Google's, with an {@code FcmError} detail ({@link FcmErrors}).
 */
final class FcmEndpoint implements SandboxChannel {

    static final String CHANNEL = "push";
    static final String TOKEN_PATH = "/token";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Pattern SEND = Pattern.compile("/v1/projects/([^/]+)/messages:send");

    private final ProviderGate gate;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    FcmEndpoint(Inbox inbox, Faults faults) {
        this.gate = new ProviderGate(CHANNEL, faults, requireNonNull(inbox, "inbox"));
    }

    @Override
    public void addRoutes(HttpServerRoutes routes) {
        routes.post(TOKEN_PATH, this::token)
                .route(request -> request.method().equals(HttpMethod.POST)
                        && SEND.matcher(new QueryStringDecoder(request.uri()).path()).matches(), this::send);
    }

    private Publisher<Void> token(HttpServerRequest request, HttpServerResponse response) {
        return body(request).flatMap(body -> Mono.from(grant(new QueryStringDecoder(body, false).parameters(), response)));
    }

    private Publisher<Void> grant(Map<String, List<String>> form, HttpServerResponse response) {
        if (!JWT_BEARER.equals(first(form, "grant_type"))) {
            return gate.refuse(JsonReplies.json(response, HttpResponseStatus.BAD_REQUEST, Map.of("error",
                    "unsupported_grant_type", "error_description", "Invalid grant_type: " + first(form, "grant_type"))));
        }
        boolean wellFormed = JwtShape.parse(first(form, "assertion"))
                .filter(jwt -> jwt.algorithmIs("RS256") && jwt.hasClaims("iss", "scope", "aud", "iat", "exp"))
                .isPresent();
        if (!wellFormed) {
            return gate.refuse(JsonReplies.json(response, HttpResponseStatus.BAD_REQUEST, Map.of("error",
                    "invalid_grant", "error_description", "Invalid JWT: expected RS256 with iss, scope, aud, iat, exp")));
        }
        String accessToken = "ya29.sandbox-" + UUID.randomUUID();
        issued.add(accessToken);
        return JsonReplies.json(response, HttpResponseStatus.OK,
                Map.of("access_token", accessToken, "expires_in", 3599, "token_type", "Bearer"));
    }

    private Publisher<Void> send(HttpServerRequest request, HttpServerResponse response) {
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION, "");
        if (!authorization.startsWith("Bearer ") || !issued.contains(authorization.substring(7).trim())) {
            return gate.refuse(FcmErrors.unauthenticated(response));
        }
        String path = new QueryStringDecoder(request.uri()).path();
        Matcher matcher = SEND.matcher(path);
        String project = matcher.matches() ? matcher.group(1) : "";
        return body(request).flatMap(body -> Mono.from(deliver(project, path, body, response)));
    }

    private Publisher<Void> deliver(String project, String path, String body, HttpServerResponse response) {
        JsonNode message;
        try {
            message = JsonReplies.MAPPER.readTree(body).path("message");
        } catch (JacksonException e) {
            return gate.refuse(FcmErrors.answer(response, FcmErrors.INVALID_ARGUMENT));
        }
        String token = message.path("token").asString("");
        JsonNode data = message.path("data");
        boolean dataIsStrings = data.isMissingNode() || (data.isObject() && data.valueStream().allMatch(JsonNode::isString));
        if (token.isEmpty() || !dataIsStrings) {
            return gate.refuse(FcmErrors.answer(response, FcmErrors.INVALID_ARGUMENT));
        }
        return gate.pass(List.of(token), () -> accept(project, path, data, body, response),
                verdict -> FcmErrors.answer(response, verdict.kind() == Verdict.Kind.THROTTLE ? FcmErrors.QUOTA_EXCEEDED
                        : verdict.errorCodeOr(FcmErrors.UNAVAILABLE)));
    }

    private Publisher<Void> accept(String project, String path, JsonNode data, String body, HttpServerResponse response) {
        gate.record(new SandboxMessage(CHANNEL, text(data, "recipientId"), text(data, "incidentId"),
                version(text(data, "version")), text(data, "messageId"), Instant.now(), path,
                Map.of("fcm-project", project), body));
        String name = "projects/" + project + "/messages/0:" + System.currentTimeMillis() + "%"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return JsonReplies.json(response, HttpResponseStatus.OK, Map.of("name", name));
    }

    private static Mono<String> body(HttpServerRequest request) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("");
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.path(field);
        return node.isString() ? node.stringValue() : null;
    }

    private static Long version(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
