package io.clarion.dispatcher.channel.push;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.DeliveryOutcome.Undeliverable;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import java.time.Clock;

/** What an APNs answer (HTTP status and JSON {@code reason}) means for one device. Reasons read {@code apns:<reason>}. */
final class ApnsAnswer {
    static final String EXPIRED_PROVIDER_TOKEN = "apns:ExpiredProviderToken";

    private ApnsAnswer() {
    }

    static DeliveryOutcome outcome(int status, String reason, String retryAfter, Clock clock) {
        String described = "apns:" + (reason == null ? String.valueOf(status) : reason);
        return switch (status) {
            case 200 -> new Sent();
            case 410 -> new Undeliverable(described);
            case 400 -> badRequest(reason, described);
            case 403 -> EXPIRED_PROVIDER_TOKEN.equals(described) ? RetryLater.backoff(described)
                    : new Unrecognized(described);
            case 429, 500, 503 -> Retries.retryLater(retryAfter, described, clock);
            default -> new Unrecognized(described);
        };
    }

    /** A bad or foreign device token is the contact point's fault; any other 400 is this message's. */
    private static DeliveryOutcome badRequest(String reason, String described) {
        if ("BadDeviceToken".equals(reason) || "DeviceTokenNotForTopic".equals(reason)) {
            return new Undeliverable(described);
        }
        return new Failed(described);
    }
}
