package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.contact.ContactPoints;
import io.clarion.dispatcher.outage.RetryWhileUnavailable;
import io.clarion.dispatcher.retry.Retries;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a provider's answer leads to, made durable before the delivery's record is acknowledged:
 * <ul>
 *   <li>retry later → the retry topic with a due time, or the dead-letter topic once out of attempts;</li>
 *   <li>deferred (an open circuit, a recipient's anti-fatigue limit) → the retry topic, no attempt used;</li>
 *   <li>undeliverable → the contact point is marked unusable for later broadcasts;</li>
 *   <li>unrecognized → the dead-letter topic with the provider's answer (counted as failed, never dropped).</li>
 * </ul>
 * Completes with the outcome to record; a {@code RetryLater} is not final and is not recorded.
 */
@Component
class FollowUp {
    private final Retries retries;
    private final ContactPoints contacts;
    private final DeliveryInput input;
    private final DeliveryProperties properties;

    FollowUp(Retries retries, ContactPoints contacts, DeliveryInput input, DeliveryProperties properties) {
        this.retries = retries;
        this.contacts = contacts;
        this.input = input;
        this.properties = properties;
    }

    Mono<DeliveryOutcome> after(DeliveryJob job, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.RetryLater later) {
            return later.usesAttempt() ? retries.retryOrGiveUp(job, later) : retries.defer(job, later);
        }
        if (outcome instanceof DeliveryOutcome.Undeliverable undeliverable) {
            return RetryWhileUnavailable.retrying(contacts.markUnusable(job, undeliverable.reason()),
                            properties.retryBackoff(), () -> "marking the contact of " + job)
                    .thenReturn(outcome);
        }
        if (outcome instanceof DeliveryOutcome.Unrecognized unrecognized) {
            return input.deadLetter(job, "unrecognized provider answer: " + unrecognized.reason()).thenReturn(outcome);
        }
        return Mono.just(outcome);
    }
}
