package io.clarion.dispatcher.channel.push;

import static java.util.Objects.requireNonNull;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import io.clarion.dispatcher.channel.push.RefreshingToken.Token;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends to one FCM registration token with the HTTP v1 API, authenticated as a service account without Google's
 * libraries: an RS256 JWT exchanged for an OAuth2 access token (JWT-bearer grant), shared by every send and
 * fetched again a minute before it expires, or at once after FCM answers {@code UNAUTHENTICATED}.
 */
final class FcmClient implements PushProvider {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Duration EARLY_REFRESH = Duration.ofMinutes(1);
    private static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

    private final PushProperties.Fcm fcm;
    private final WebClient client;
    private final JsonMapper json;
    private final ProviderJwt jwt;
    private final RefreshingToken accessToken;
    private final Duration timeToLive;
    private final Clock clock;

    FcmClient(PushProperties.Fcm fcm, WebClient client, JsonMapper json, Duration timeToLive, Clock clock) {
        this.fcm = requireNonNull(fcm, "fcm");
        requireNonNull(fcm.clientEmail(), "clarion.channels.push.fcm.client-email");
        this.jwt = ProviderJwt.rs256(requireNonNull(fcm.privateKey(), "clarion.channels.push.fcm.private-key"), json);
        this.client = requireNonNull(client, "client");
        this.json = requireNonNull(json, "json");
        this.timeToLive = requireNonNull(timeToLive, "timeToLive");
        this.clock = requireNonNull(clock, "clock");
        this.accessToken = new RefreshingToken(this::fetchAccessToken);
    }

    @Override
    public String account() {
        return "fcm:" + fcm.projectId();
    }

    @Override
    public Mono<DeliveryOutcome> send(DeliveryJob job, String deviceToken) {
        Mono<DeliveryOutcome> send = accessToken.get().flatMap(token -> post(token, message(job, deviceToken)))
                .onErrorResume(TokenRefused.class, refused -> Mono.just(refused.outcome));
        return Retries.onTransportFailure(send, "fcm");
    }

    private Mono<DeliveryOutcome> post(String token, byte[] message) {
        return client.post().uri(fcm.baseUrl() + "/v1/projects/{project}/messages:send", fcm.projectId())
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(message)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> outcome(response, body)))
                .map(outcome -> dropTokenIfRefused(outcome, token));
    }

    private DeliveryOutcome outcome(ClientResponse response, String body) {
        JsonNode error = tree(body).path("error");
        String fcmErrorCode = StreamSupport.stream(error.path("details").spliterator(), false)
                .filter(detail -> detail.path("@type").asString("").endsWith("FcmError"))
                .map(detail -> detail.path("errorCode").asString(null)).findFirst().orElse(null);
        return FcmAnswer.outcome(response.statusCode().value(), fcmErrorCode, error.path("status").asString(null),
                response.headers().asHttpHeaders().getFirst("Retry-After"), clock);
    }

    /** A refused access token is replaced before the retry comes back (a cache update, not I/O). */
    private DeliveryOutcome dropTokenIfRefused(DeliveryOutcome outcome, String token) {
        if (outcome instanceof RetryLater retry && FcmAnswer.UNAUTHENTICATED.equals(retry.reason())) {
            accessToken.invalidate(token);
        }
        return outcome;
    }

    /** The HTTP v1 message: the notification, Clarion's metadata as {@code data}, Android delivery hints. */
    private byte[] message(DeliveryJob job, String deviceToken) {
        return Notification.of(job).fit(Notification.MAX_PAYLOAD_BYTES, n -> render(job, deviceToken, n));
    }

    private byte[] render(DeliveryJob job, String deviceToken, Notification notification) {
        var message = new LinkedHashMap<String, Object>();
        message.put("token", deviceToken);
        message.put("notification", Map.of("title", notification.title(), "body", notification.body()));
        message.put("data", Map.of("recipientId", job.recipientId(), "incidentId", job.incidentId(),
                "version", String.valueOf(job.version()), "messageId", job.messageId()));
        message.put("android", Map.of("priority", Notification.isUrgent(job.content()) ? "HIGH" : "NORMAL",
                "ttl", timeToLive.toSeconds() + "s", "collapse_key", job.incidentId()));
        return json.writeValueAsBytes(Map.of("message", message));
    }

    private Mono<Token> fetchAccessToken() {
        return Mono.fromCallable(this::assertion).flatMap(assertion -> client.post().uri(fcm.tokenUri())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", JWT_BEARER).with("assertion", assertion))
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> token(response.statusCode().value(), body))));
    }

    private String assertion() {
        long now = clock.instant().getEpochSecond();
        var header = new LinkedHashMap<String, Object>();
        header.put("typ", "JWT");
        if (fcm.privateKeyId() != null) {
            header.put("kid", fcm.privateKeyId());
        }
        var claims = new LinkedHashMap<String, Object>();
        claims.put("iss", fcm.clientEmail());
        claims.put("scope", SCOPE);
        claims.put("aud", fcm.tokenUri());
        claims.put("iat", now);
        claims.put("exp", now + ASSERTION_LIFETIME.toSeconds());
        return jwt.sign(header, claims);
    }

    private Token token(int status, String body) {
        if (status < 200 || status >= 300) {
            throw new TokenRefused(status, tree(body).path("error").asString(null));
        }
        JsonNode answer = tree(body);
        Duration lifetime = Duration.ofSeconds(answer.path("expires_in").asLong(3600)).minus(EARLY_REFRESH);
        return new Token(answer.path("access_token").asString(), lifetime.isNegative() ? Duration.ZERO : lifetime);
    }

    /** The JSON body, or a missing node when there is none or it is not JSON (e.g. a proxy's HTML page). */
    private JsonNode tree(String body) {
        try {
            return body.isBlank() ? json.missingNode() : json.readTree(body);
        } catch (JacksonException notJson) {
            return json.missingNode();
        }
    }

    /**
     * The token endpoint refused the assertion. 429 and 5xx are transient; any other refusal (a revoked key, a
     * wrong client email) is a configuration problem an operator must see, so the delivery is dead-lettered.
     */
    private static final class TokenRefused extends RuntimeException {
        private final transient DeliveryOutcome outcome;

        TokenRefused(int status, String error) {
            super("token endpoint: http " + status, null, false, false);
            String reason = "fcm:token-" + (error == null ? String.valueOf(status) : error);
            this.outcome = status == 429 || status >= 500 ? RetryLater.backoff(reason) : new Unrecognized(reason);
        }
    }
}
