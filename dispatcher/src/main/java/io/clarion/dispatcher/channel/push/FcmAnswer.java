package io.clarion.dispatcher.channel.push;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.DeliveryOutcome.Undeliverable;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import java.time.Clock;

/**
 * What an FCM HTTP v1 answer means for one device. The {@code FcmError} code in the error's details decides
 * when there is one; otherwise Google's canonical status and the HTTP status do. Reasons read {@code fcm:<code>}.
 */
final class FcmAnswer {
    static final String UNAUTHENTICATED = "fcm:UNAUTHENTICATED";

    private FcmAnswer() {
    }

    /**
     * @param httpStatus   the HTTP status
     * @param fcmErrorCode {@code error.details[@type=FcmError].errorCode}, or {@code null}
     * @param googleStatus {@code error.status} (e.g. {@code UNAVAILABLE}), or {@code null}
     * @param retryAfter   the {@code Retry-After} header, or {@code null}
     */
    static DeliveryOutcome outcome(int httpStatus, String fcmErrorCode, String googleStatus, String retryAfter,
                                   Clock clock) {
        if (httpStatus >= 200 && httpStatus < 300) {
            return new Sent();
        }
        if (fcmErrorCode != null) {
            return byFcmError(fcmErrorCode, retryAfter, clock);
        }
        return byStatus(httpStatus, googleStatus, retryAfter, clock);
    }

    private static DeliveryOutcome byFcmError(String code, String retryAfter, Clock clock) {
        String reason = "fcm:" + code;
        return switch (code) {
            case "UNREGISTERED", "SENDER_ID_MISMATCH" -> new Undeliverable(reason);
            case "INVALID_ARGUMENT" -> new Failed(reason);
            case "QUOTA_EXCEEDED", "UNAVAILABLE", "INTERNAL" -> Retries.retryLater(retryAfter, reason, clock);
            case "UNAUTHENTICATED" -> DeliveryOutcome.RetryLater.backoff(UNAUTHENTICATED);
            default -> new Unrecognized(reason);
        };
    }

    private static DeliveryOutcome byStatus(int httpStatus, String googleStatus, String retryAfter, Clock clock) {
        String reason = "fcm:" + (googleStatus == null ? String.valueOf(httpStatus) : googleStatus);
        if ("INVALID_ARGUMENT".equals(googleStatus)) {
            return new Failed(reason);
        }
        return switch (httpStatus) {
            case 401 -> DeliveryOutcome.RetryLater.backoff(UNAUTHENTICATED);
            case 429, 500, 503 -> Retries.retryLater(retryAfter, reason, clock);
            default -> new Unrecognized(reason);
        };
    }
}
