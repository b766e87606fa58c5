package io.clarion.dispatcher.ratelimit;

import java.time.Duration;

/** The answer of the rate limiter for one delivery. */
public sealed interface Permit {

    /** Send it. {@code waited} tells whether the delivery had to wait for tokens (so may be stale now). */
    record Granted(boolean waited) implements Permit {
    }

    /** Not now: the recipient has had all the messages it may get for now; its bucket has a token again {@code after}. */
    record Deferred(Duration after, String reason) implements Permit {
    }
}
