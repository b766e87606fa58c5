package io.clarion.devstack.sandbox;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerResponse;

/**
 * FCM HTTP v1 errors as Google sends them: {@code {"error": {"code": 404, "message": ..., "status":
 * "NOT_FOUND", "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
 * "errorCode": "UNREGISTERED"}]}}}. UNREGISTERED is 404, INVALID_ARGUMENT 400, QUOTA_EXCEEDED 429 (with
 * {@code Retry-After: 1}), UNAVAILABLE 503, INTERNAL 500, SENDER_ID_MISMATCH 403,
 * THIRD_PARTY_AUTH_ERROR 401; an unknown error code is answered as 400 INVALID_ARGUMENT carrying it.
 */
final class FcmErrors {

    static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";
    static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";
    static final String UNAVAILABLE = "UNAVAILABLE";
    private static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

    private record Kind(int code, String status, String message) {
    }

    private static final Map<String, Kind> KINDS = Map.of(
            "UNREGISTERED", new Kind(404, "NOT_FOUND", "Requested entity was not found."),
            INVALID_ARGUMENT, new Kind(400, "INVALID_ARGUMENT", "Request contains an invalid argument."),
            QUOTA_EXCEEDED, new Kind(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Send requests'."),
            UNAVAILABLE, new Kind(503, "UNAVAILABLE", "The service is currently unavailable."),
            "INTERNAL", new Kind(500, "INTERNAL", "Internal error encountered."),
            "SENDER_ID_MISMATCH", new Kind(403, "PERMISSION_DENIED", "SenderId mismatch"),
            "THIRD_PARTY_AUTH_ERROR", new Kind(401, "UNAUTHENTICATED", "Auth error from APNS or Web Push Service"));

    private FcmErrors() {
    }

    static Publisher<Void> answer(HttpServerResponse response, String errorCode) {
        Kind kind = KINDS.getOrDefault(errorCode, KINDS.get(INVALID_ARGUMENT));
        if (QUOTA_EXCEEDED.equals(errorCode)) {
            response.header(HttpHeaderNames.RETRY_AFTER, "1");
        }
        Map<String, Object> error = JsonReplies.fields("code", kind.code(), "message", kind.message(),
                "status", kind.status(), "details", List.of(Map.of("@type", FCM_ERROR, "errorCode", errorCode)));
        return JsonReplies.json(response, HttpResponseStatus.valueOf(kind.code()), Map.of("error", error));
    }

    static Publisher<Void> unauthenticated(HttpServerResponse response) {
        Map<String, Object> error = JsonReplies.fields("code", 401, "message",
                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other "
                        + "valid authentication credential.", "status", "UNAUTHENTICATED");
        return JsonReplies.json(response, HttpResponseStatus.UNAUTHORIZED, Map.of("error", error));
    }
}
