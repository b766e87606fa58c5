package io.clarion.dispatcher.channel.push;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.DeliveryOutcome.Undeliverable;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import java.time.Clock;
import java.util.Set;

/** What an APNs answer (HTTP status and JSON {@code reason}) means for one device. Reasons read {@code apns:<reason>}. */
final class ApnsAnswer {
    static final String EXPIRED_PROVIDER_TOKEN = "apns:ExpiredProviderToken";

    /** APNs' documented 400 reasons that are this message's fault, not the device's. */
    private static final Set<String> MESSAGE_FAULTS = Set.of("BadCollapseId", "BadExpirationDate",
            "BadMessageId", "BadPriority", "BadTopic", "DuplicateHeaders", "IdleTimeout", "InvalidPushType",
            "MissingDeviceToken", "MissingTopic", "PayloadEmpty", "TopicDisallowed");

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

    /**
     * A bad or foreign device token is the contact point's fault; APNs' other documented 400 reasons are this
     * message's; a reason APNs did not document (yet) is unrecognized, so it is dead-lettered, not guessed at.
     */
    private static DeliveryOutcome badRequest(String reason, String described) {
        if ("BadDeviceToken".equals(reason) || "DeviceTokenNotForTopic".equals(reason)) {
            return new Undeliverable(described);
        }
        return reason != null && MESSAGE_FAULTS.contains(reason) ? new Failed(described) : new Unrecognized(described);
    }
}
