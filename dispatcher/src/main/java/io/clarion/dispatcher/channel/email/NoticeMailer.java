package io.clarion.dispatcher.channel.email;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.notice.Notice;
import reactor.core.publisher.Mono;

/**
 * Sends a {@link Notice} through the email channel's SES client, one attempt per call, answering the provider's
 * answer as an outcome (as {@link io.clarion.dispatcher.channel.ChannelSender} does). Exists when the email channel
 * does.
 */
public interface NoticeMailer {
    Mono<DeliveryOutcome> send(Notice notice);
}
