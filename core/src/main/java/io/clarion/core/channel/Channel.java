package io.clarion.core.channel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way to reach a recipient. Each has one sink per provider account. */
public enum Channel {
    EMAIL, SMS, PUSH, WEBHOOK;

    /** The wire name: lowercase, as in the API and in the sandbox inbox. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> parse(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(wireName)).findFirst();
    }
}
