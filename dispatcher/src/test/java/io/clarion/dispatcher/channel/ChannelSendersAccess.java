package io.clarion.dispatcher.channel;

import io.clarion.dispatcher.breaker.ProviderBreakers;
import java.util.List;

/** Builds {@link ChannelSenders} for tests of other packages (its constructor is package-private). */
public final class ChannelSendersAccess {
    private ChannelSendersAccess() {
    }

    public static ChannelSenders create(List<ChannelSender> senders, ProviderBreakers breakers) {
        return new ChannelSenders(senders, breakers);
    }
}
