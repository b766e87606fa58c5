package io.clarion.gateway.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an API key may do: {@code read} (GET), {@code write} (everything else under /v1), {@code admin} (all). */
public enum Scope {
    READ, WRITE, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Scope> parse(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }
}
