package io.clarion.dispatcher.channel;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import reactor.core.publisher.Mono;

/**
 * Hands one rendered message to a provider: one attempt per call. It answers every provider answer with
 * an outcome value and errors only for bugs; it never blocks the calling thread.
 * <ul>
 *   <li>{@link DeliveryOutcome.Sent}: the provider accepted it.</li>
 *   <li>{@link DeliveryOutcome.RetryLater}: throttled, unavailable, timed out, connection refused; with
 *       the provider's {@code Retry-After} when it gave one. The pipeline sends it through the retry topic.</li>
 *   <li>{@link DeliveryOutcome.Failed}: this message is refused for good (e.g. SES {@code MessageRejected}).</li>
 *   <li>{@link DeliveryOutcome.Undeliverable}: the contact point is unusable for good; the pipeline marks it.</li>
 *   <li>{@link DeliveryOutcome.Unrecognized}: an answer the sender does not know; the pipeline dead-letters it.</li>
 * </ul>
 * Retries, the hard timeout and the circuit breaker are the pipeline's, not the sender's.
 */
public interface ChannelSender {
    Channel channel();

    Mono<DeliveryOutcome> send(DeliveryJob job);

    /**
     * The message this sender sends for {@code job}, as text: the parts the recipient reads, made by the same code
     * the send uses, without transport details (ids, timestamps, signatures). The archive hashes it, so the hash
     * is of what was sent, per channel and recipient. It depends only on the job's channel, incident, version,
     * content and rendered message (what a recipient reads, never who they are or where it goes): the archive
     * hashes each distinct message of a batch once.
     */
    String archived(DeliveryJob job);

    /**
     * The provider account a delivery is sent through (e.g. {@code ses:eu-west-1}, {@code fcm:my-project}):
     * each account has its own circuit breaker. {@code null} means no breaker (webhooks: every endpoint is
     * its own receiver, and one broken endpoint must not park the others).
     */
    default String account(DeliveryJob job) {
        return channel().wireName();
    }
}
