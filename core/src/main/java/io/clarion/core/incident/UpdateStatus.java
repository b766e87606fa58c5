package io.clarion.core.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an incident stands in one update, as incident tools and customers read it. */
public enum UpdateStatus {
    INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

    /** The wire name: lowercase, as in the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UpdateStatus> parse(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }
}
