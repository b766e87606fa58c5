package io.clarion.gateway.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may do. {@code read}, {@code write} and {@code approve} act on the key's own tenant;
 * {@code admin} manages the tenant (its keys, templates, playbooks, settings) and includes the three
 * before it; {@code operator} runs the platform (tenants, provider rate limits) and includes nothing else.
 */
public enum Scope {
    READ, WRITE, APPROVE, ADMIN, OPERATOR;

    private static final Set<Scope> INCLUDED_IN_ADMIN = EnumSet.of(READ, WRITE, APPROVE);

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a key holding {@code held} may do what needs this scope. */
    boolean grantedBy(Set<Scope> held) {
        return held.contains(this) || (held.contains(ADMIN) && INCLUDED_IN_ADMIN.contains(this));
    }

    public static Optional<Scope> parse(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }
}
