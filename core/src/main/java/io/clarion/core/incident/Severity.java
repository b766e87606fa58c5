package io.clarion.core.incident;

import java.util.Arrays;
import java.util.Optional;

/** How bad an incident is: {@code SEV1} is the most severe, {@code SEV5} the least. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4, SEV5;

    /** The severity with exactly this name, or empty; names are case-sensitive as in the API. */
    public static Optional<Severity> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}
