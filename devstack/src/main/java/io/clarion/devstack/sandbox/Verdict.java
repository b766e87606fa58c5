package io.clarion.devstack.sandbox;

import java.time.Duration;

/**
 * What the sandbox does with one request to a provider channel, decided by its {@link Fault}: wait
 * {@code latency}, then accept it, throttle it (the provider's rate-limit answer), fail it with the
 * provider error {@code errorCode} ({@code null}: the provider's "unavailable" answer), or answer
 * that the provider is down.
 */
record Verdict(Duration latency, Kind kind, String errorCode) {

    enum Kind { ACCEPT, THROTTLE, FAIL, DOWN }

    static final Verdict ACCEPT = new Verdict(Duration.ZERO, Kind.ACCEPT, null);

    boolean accepted() {
        return kind == Kind.ACCEPT;
    }

    /** The provider error to answer a failure with: {@code errorCode} for a failure, else {@code unavailable}. */
    String errorCodeOr(String unavailable) {
        return kind == Kind.FAIL && errorCode != null ? errorCode : unavailable;
    }
}
