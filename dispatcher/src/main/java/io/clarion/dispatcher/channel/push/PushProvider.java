package io.clarion.dispatcher.channel.push;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import reactor.core.publisher.Mono;

/** One push service (FCM, APNs): one attempt to one device token, its answer as an outcome. */
interface PushProvider {
    /** The provider account, e.g. {@code fcm:my-project}: the circuit breaker's key. */
    String account();

    Mono<DeliveryOutcome> send(DeliveryJob job, String deviceToken);
}
