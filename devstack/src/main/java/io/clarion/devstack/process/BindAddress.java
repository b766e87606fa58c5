package io.clarion.devstack.process;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the local run listens: {@code CLARION_BIND_ADDRESS}, by default {@value #LOOPBACK}, so a laptop's
 * gateway, management port and provider sandbox (with its well-known API key) are not reachable from the
 * network unless asked for ({@code CLARION_BIND_ADDRESS=0.0.0.0}).
 */
public final class BindAddress {
    public static final String VARIABLE = "CLARION_BIND_ADDRESS";
    public static final String LOOPBACK = "127.0.0.1";

    private BindAddress() {
    }

    /** {@code CLARION_BIND_ADDRESS}, or {@value #LOOPBACK} when unset or blank. */
    public static String from(UnaryOperator<String> environment) {
        return Optional.ofNullable(environment.apply(VARIABLE)).map(String::trim).filter(v -> !v.isEmpty())
                .orElse(LOOPBACK);
    }

    /**
     * The host to put in a URL of a server bound to {@code address}: loopback for a wildcard address
     * ({@code 0.0.0.0}, {@code ::}) or none, an IPv6 literal in brackets.
     */
    public static String urlHost(String address) {
        if (address == null || address.isBlank() || address.equals("0.0.0.0") || address.equals("::")
                || address.equals("[::]")) {
            return LOOPBACK;
        }
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }
}
