package io.clarion.dispatcher.channel;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import reactor.core.publisher.Mono;

/**
 * Hands one rendered message to a provider. Answers with an outcome value for every provider answer
 * (sent, failed, ...); it errors only for bugs. Never blocks the calling thread.
 */
public interface ChannelSender {
    Channel channel();

    Mono<DeliveryOutcome> send(DeliveryJob job);
}
