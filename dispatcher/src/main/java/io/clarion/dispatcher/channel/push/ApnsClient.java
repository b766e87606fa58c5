package io.clarion.dispatcher.channel.push;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.dispatcher.channel.push.RefreshingToken.Token;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URLEncoder;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends to one APNs device token over HTTP/2 with provider-token authentication: an ES256 JWT signed with the
 * team's .p8 key, shared by every send and renewed every 50 minutes (APNs refuses tokens older than an hour and
 * renewals more often than every 20 minutes), or at once after {@code ExpiredProviderToken}.
 * {@code apns-id} is a name-based UUID of the delivery's message id and {@code apns-collapse-id} the incident id,
 * so a device shows one notification per incident and a resend replaces it.
 */
final class ApnsClient implements PushProvider {
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(50);
    private static final int MAX_COLLAPSE_ID_BYTES = 64;

    private final PushProperties.Apns apns;
    private final HttpClient http;
    private final JsonMapper json;
    private final ProviderJwt jwt;
    private final RefreshingToken providerToken;
    private final Duration timeToLive;
    private final Clock clock;

    /** {@code http} speaks HTTP/2: TLS for {@code https://}, cleartext with prior knowledge for the sandbox. */
    ApnsClient(PushProperties.Apns apns, HttpClient http, JsonMapper json, Duration timeToLive, Clock clock) {
        this.apns = requireNonNull(apns, "apns");
        requireNonNull(apns.keyId(), "clarion.channels.push.apns.key-id");
        requireNonNull(apns.bundleId(), "clarion.channels.push.apns.bundle-id");
        this.jwt = ProviderJwt.es256(requireNonNull(apns.privateKey(), "clarion.channels.push.apns.private-key"), json);
        this.http = requireNonNull(http, "http");
        this.json = requireNonNull(json, "json");
        this.timeToLive = requireNonNull(timeToLive, "timeToLive");
        this.clock = requireNonNull(clock, "clock");
        this.providerToken = new RefreshingToken(() -> Mono.fromCallable(this::signProviderToken));
    }

    @Override
    public String account() {
        return "apns:" + apns.teamId();
    }

    @Override
    public Mono<DeliveryOutcome> send(DeliveryJob job, String deviceToken) {
        byte[] payload = Notification.of(job).fit(Notification.MAX_PAYLOAD_BYTES, n -> render(job, n));
        return Retries.onTransportFailure(providerToken.get().flatMap(token -> post(job, deviceToken, payload, token)),
                "apns");
    }

    private Mono<DeliveryOutcome> post(DeliveryJob job, String deviceToken, byte[] payload, String token) {
        return http.headers(headers -> headers(headers, job, token))
                .post().uri(apns.baseUrl() + "/3/device/" + URLEncoder.encode(deviceToken, UTF_8))
                .send(Mono.fromCallable(() -> Unpooled.wrappedBuffer(payload)))
                .responseSingle((response, body) -> body.asString(UTF_8).defaultIfEmpty("")
                        .map(text -> ApnsAnswer.outcome(response.status().code(), reason(text),
                                response.responseHeaders().get("retry-after"), clock)))
                .map(outcome -> dropTokenIfExpired(outcome, token));
    }

    private void headers(HttpHeaders headers, DeliveryJob job, String token) {
        headers.set("authorization", "bearer " + token)
                .set("content-type", "application/json")
                .set("apns-topic", apns.bundleId())
                .set("apns-push-type", "alert")
                .set("apns-priority", Notification.isUrgent(job.content()) ? "10" : "5")
                .set("apns-id", apnsId(job.messageId()))
                .set("apns-collapse-id", collapseId(job.incidentId()))
                .set("apns-expiration", String.valueOf(clock.instant().plus(timeToLive).getEpochSecond()));
    }

    private DeliveryOutcome dropTokenIfExpired(DeliveryOutcome outcome, String token) {
        if (outcome instanceof RetryLater retry && ApnsAnswer.EXPIRED_PROVIDER_TOKEN.equals(retry.reason())) {
            providerToken.invalidate(token);
        }
        return outcome;
    }

    /** The alert, and Clarion's metadata beside {@code aps} so the app can drop stale updates. */
    private byte[] render(DeliveryJob job, Notification notification) {
        var aps = new LinkedHashMap<String, Object>();
        aps.put("alert", Map.of("title", notification.title(), "body", notification.body()));
        aps.put("sound", "default");
        aps.put("thread-id", job.incidentId());
        var payload = new LinkedHashMap<String, Object>();
        payload.put("aps", aps);
        payload.put("recipientId", job.recipientId());
        payload.put("incidentId", job.incidentId());
        payload.put("version", job.version());
        payload.put("messageId", job.messageId());
        return json.writeValueAsBytes(payload);
    }

    private Token signProviderToken() {
        var claims = new LinkedHashMap<String, Object>();
        claims.put("iss", apns.teamId());
        claims.put("iat", clock.instant().getEpochSecond());
        return new Token(jwt.sign(Map.of("kid", apns.keyId()), claims), TOKEN_LIFETIME);
    }

    private String reason(String body) {
        try {
            return body.isBlank() ? null : json.readTree(body).path("reason").asString(null);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    /** The same message id always gives the same {@code apns-id}: name-based (type 3) UUID of its bytes. */
    static String apnsId(String messageId) {
        return UUID.nameUUIDFromBytes(messageId.getBytes(UTF_8)).toString();
    }

    /** APNs allows 64 bytes; a longer incident id is cut on a character boundary. */
    static String collapseId(String incidentId) {
        String id = incidentId;
        while (id.getBytes(UTF_8).length > MAX_COLLAPSE_ID_BYTES) {
            id = id.substring(0, id.offsetByCodePoints(id.length(), -1));
        }
        return id;
    }
}
