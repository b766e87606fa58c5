package io.clarion.dispatcher.ratelimit;

/** The answer of the rate limiter for one delivery. */
public sealed interface Permit {

    /** Send it. {@code waited} tells whether the delivery had to wait for tokens (so may be stale now). */
    record Granted(boolean waited) implements Permit {
    }

    /** Do not send it: the recipient has had all the messages it may get for now. */
    record Refused(String reason) implements Permit {
    }
}
