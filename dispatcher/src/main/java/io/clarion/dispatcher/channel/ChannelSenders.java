package io.clarion.dispatcher.channel;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.breaker.ProviderBreakers;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Routes a delivery to the sender of its channel, through the provider account's circuit breaker and hard
 * timeout. A channel without a sender, a recipient without a contact point for it, or a contact point marked
 * unusable is suppressed with a reason ({@link #unsendable}), so broadcast counts still add up; the pipeline
 * asks that first, before any claim or rate-limit token is taken.
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

    /** Why {@code job} cannot be sent (suppressed with a reason), or empty when it can. */
    public Optional<DeliveryOutcome> unsendable(DeliveryJob job) {
        if (!senders.containsKey(job.channel())) {
            return Optional.of(new DeliveryOutcome.Suppressed(NOT_CONFIGURED));
        }
        if (job.destination() == null) {
            return Optional.of(new DeliveryOutcome.Suppressed(NO_CONTACT_POINT));
        }
        if (job.unusable() != null) {
            return Optional.of(new DeliveryOutcome.Suppressed(UNUSABLE + job.unusable()));
        }
        return Optional.empty();
    }

    /** The parked outcome when the provider account of a sendable {@code job} has an open circuit; empty otherwise. */
    public Mono<DeliveryOutcome.RetryLater> parked(DeliveryJob job) {
        return breakers.parked(sender(job).account(job));
    }

    /** Sends a sendable {@code job} (see {@link #unsendable}) through its provider account's breaker. */
    public Mono<DeliveryOutcome> send(DeliveryJob job) {
        ChannelSender sender = sender(job);
        return breakers.call(job.channel(), sender.account(job), () -> sender.send(job));
    }

    /** What {@code job}'s sender sends for it ({@link ChannelSender#archived}); empty when its channel has no sender. */
    public Optional<String> archived(DeliveryJob job) {
        ChannelSender sender = senders.get(job.channel());
        return sender == null ? Optional.empty() : Optional.of(sender.archived(job));
    }

    private ChannelSender sender(DeliveryJob job) {
        ChannelSender sender = senders.get(job.channel());
        if (sender == null) {
            throw new IllegalStateException("no sender for " + job.channel().wireName() + " (expected: unsendable first)");
        }
        return sender;
    }
}
