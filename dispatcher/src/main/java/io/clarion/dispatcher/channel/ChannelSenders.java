package io.clarion.dispatcher.channel;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.breaker.ProviderBreakers;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Routes a delivery to the sender of its channel, through the provider account's circuit breaker and hard
 * timeout. A channel without a sender, a recipient without a contact point for it, or a contact point marked
 * unusable is suppressed with a reason, so broadcast counts still add up.
 */
@Component
public class ChannelSenders {
    static final String NOT_CONFIGURED = "channel-not-configured";
    static final String NO_CONTACT_POINT = "no-contact-point";
    static final String UNUSABLE = "contact-point-unusable: ";

    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final ProviderBreakers breakers;

    ChannelSenders(List<ChannelSender> available, ProviderBreakers breakers) {
        available.forEach(sender -> senders.put(sender.channel(), sender));
        this.breakers = breakers;
    }

    /** The parked outcome when the provider account of {@code job} has an open circuit; empty otherwise. */
    public Mono<DeliveryOutcome.RetryLater> parked(DeliveryJob job) {
        ChannelSender sender = senders.get(job.channel());
        return sender == null || unsendable(job) != null ? Mono.empty() : breakers.parked(sender.account(job));
    }

    public Mono<DeliveryOutcome> send(DeliveryJob job) {
        DeliveryOutcome unsendable = unsendable(job);
        if (unsendable != null) {
            return Mono.just(unsendable);
        }
        ChannelSender sender = senders.get(job.channel());
        return breakers.call(job.channel(), sender.account(job), () -> sender.send(job));
    }

    private DeliveryOutcome unsendable(DeliveryJob job) {
        if (!senders.containsKey(job.channel())) {
            return new DeliveryOutcome.Suppressed(NOT_CONFIGURED);
        }
        if (job.destination() == null) {
            return new DeliveryOutcome.Suppressed(NO_CONTACT_POINT);
        }
        if (job.unusable() != null) {
            return new DeliveryOutcome.Suppressed(UNUSABLE + job.unusable());
        }
        return null;
    }
}
