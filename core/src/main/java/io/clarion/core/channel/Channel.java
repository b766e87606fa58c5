package io.clarion.core.channel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to reach a recipient. Each has one sink per provider account, and one {@link ChannelDescriptor}. */
public enum Channel {
    EMAIL(new ChannelDescriptor("email", null, false, ChannelDescriptor.RetryStyle.EXPONENTIAL)),
    SMS(new ChannelDescriptor("sms", null, false, ChannelDescriptor.RetryStyle.EXPONENTIAL)),
    PUSH(new ChannelDescriptor("push", null, true, ChannelDescriptor.RetryStyle.EXPONENTIAL)),
    WEBHOOK(new ChannelDescriptor("webhook_url", "webhook_secret", false, ChannelDescriptor.RetryStyle.FIXED));

    /** Computed once: it is part of every Redis key of every delivery. */
    private final String wireName = name().toLowerCase(Locale.ROOT);
    private final ChannelDescriptor descriptor;

    Channel(ChannelDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** Where the channel's contact point and secret are, how a destination is read, how it is retried. */
    public ChannelDescriptor descriptor() {
        return descriptor;
    }

    /** The wire name: lowercase, as in the API and in the sandbox inbox. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Channel> parse(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(wireName)).findFirst();
    }
}
