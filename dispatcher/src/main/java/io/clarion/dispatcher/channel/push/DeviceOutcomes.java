package io.clarion.dispatcher.channel.push;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.DeliveryOutcome.Suppressed;
import io.clarion.core.delivery.DeliveryOutcome.Undeliverable;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One delivery's outcome from its devices' outcomes, first rule that applies:
 * <ol>
 *   <li>a device accepted it: {@code Sent} (the recipient was reached);</li>
 *   <li>a device may accept it later: {@code RetryLater}, after the longest wait any provider asked for;</li>
 *   <li>an answer nobody knows: {@code Unrecognized}, so an operator sees it;</li>
 *   <li>a provider refused the message: {@code Failed};</li>
 *   <li>every device token is unusable for good: {@code Undeliverable} (the contact point gets marked);</li>
 *   <li>otherwise some devices are on a platform this dispatcher has no credentials for: {@code Suppressed}.</li>
 * </ol>
 */
final class DeviceOutcomes {
    private DeviceOutcomes() {
    }

    static DeliveryOutcome combine(List<DeliveryOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("outcomes: [] (expected: one per device)");
        }
        if (outcomes.stream().anyMatch(Sent.class::isInstance)) {
            return new Sent();
        }
        Optional<DeliveryOutcome> retry = outcomes.stream().filter(RetryLater.class::isInstance)
                .max(Comparator.comparing(outcome -> ((RetryLater) outcome).after()));
        return retry.or(() -> first(outcomes, Unrecognized.class))
                .or(() -> first(outcomes, Failed.class))
                .orElseGet(() -> undeliverableOrSuppressed(outcomes));
    }

    private static DeliveryOutcome undeliverableOrSuppressed(List<DeliveryOutcome> outcomes) {
        if (outcomes.stream().allMatch(Undeliverable.class::isInstance)) {
            return new Undeliverable(outcomes.stream().map(DeliveryOutcome::reason).distinct()
                    .collect(Collectors.joining(",")));
        }
        return first(outcomes, Suppressed.class).orElseThrow();
    }

    private static Optional<DeliveryOutcome> first(List<DeliveryOutcome> outcomes, Class<?> type) {
        return outcomes.stream().filter(type::isInstance).findFirst();
    }
}
