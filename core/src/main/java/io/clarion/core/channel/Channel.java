package io.clarion.core.channel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to reach a recipient. Each has one sink per provider account. */
public enum Channel {
    EMAIL, SMS, PUSH, WEBHOOK;

    /** Computed once: it is part of every Redis key of every delivery. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The wire name: lowercase, as in the API and in the sandbox inbox. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Channel> parse(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(wireName)).findFirst();
    }
}
