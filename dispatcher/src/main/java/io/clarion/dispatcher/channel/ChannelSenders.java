package io.clarion.dispatcher.channel;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Routes a delivery to the sender of its channel. A channel without a sender, or a recipient without a
 * contact point for it, is suppressed with a reason, so broadcast counts still add up.
 */
@Component
public class ChannelSenders {
    static final String NOT_CONFIGURED = "channel-not-configured";
    static final String NO_CONTACT_POINT = "no-contact-point";

    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);

    ChannelSenders(List<ChannelSender> available) {
        available.forEach(sender -> senders.put(sender.channel(), sender));
    }

    public Mono<DeliveryOutcome> send(DeliveryJob job) {
        ChannelSender sender = senders.get(job.channel());
        if (sender == null) {
            return Mono.just(new DeliveryOutcome.Suppressed(NOT_CONFIGURED));
        }
        if (job.destination() == null) {
            return Mono.just(new DeliveryOutcome.Suppressed(NO_CONTACT_POINT));
        }
        return sender.send(job);
    }
}
