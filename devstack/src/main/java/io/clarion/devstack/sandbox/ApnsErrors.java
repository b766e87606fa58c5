package io.clarion.devstack.sandbox;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerResponse;

/**
 * APNs errors as Apple sends them: the HTTP status of the reason and {@code {"reason": "BadDeviceToken"}};
 * {@code Unregistered} (410) also carries {@code timestamp}, the milliseconds since the epoch at which
 * the token stopped being valid. A reason APNs does not define is answered with 400.
 */
final class ApnsErrors {

    static final String THROTTLED = "TooManyRequests";
    static final String UNAVAILABLE = "ServiceUnavailable";

    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("BadCollapseId", 400), Map.entry("BadDeviceToken", 400), Map.entry("BadExpirationDate", 400),
            Map.entry("BadMessageId", 400), Map.entry("BadPriority", 400), Map.entry("BadTopic", 400),
            Map.entry("DeviceTokenNotForTopic", 400), Map.entry("DuplicateHeaders", 400),
            Map.entry("InvalidPushType", 400), Map.entry("MissingDeviceToken", 400), Map.entry("MissingTopic", 400),
            Map.entry("PayloadEmpty", 400), Map.entry("TopicDisallowed", 400), Map.entry("BadCertificate", 403),
            Map.entry("ExpiredProviderToken", 403), Map.entry("Forbidden", 403),
            Map.entry("InvalidProviderToken", 403), Map.entry("MissingProviderToken", 403), Map.entry("BadPath", 404),
            Map.entry("MethodNotAllowed", 405), Map.entry("ExpiredToken", 410), Map.entry("Unregistered", 410),
            Map.entry("PayloadTooLarge", 413), Map.entry("TooManyProviderTokenUpdates", 429),
            Map.entry(THROTTLED, 429), Map.entry("InternalServerError", 500), Map.entry(UNAVAILABLE, 503),
            Map.entry("Shutdown", 503));

    private ApnsErrors() {
    }

    static Publisher<Void> answer(HttpServerResponse response, String reason) {
        int status = STATUS.getOrDefault(reason, 400);
        Object body = status == 410 ? JsonReplies.fields("reason", reason, "timestamp", System.currentTimeMillis())
                : Map.of("reason", reason);
        return JsonReplies.json(response, HttpResponseStatus.valueOf(status), body);
    }
}
