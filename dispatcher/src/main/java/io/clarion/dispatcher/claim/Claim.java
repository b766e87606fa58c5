package io.clarion.dispatcher.claim;

import java.time.Duration;

/** The answer of one claim round trip for a delivery. */
public sealed interface Claim {

    /** This dispatcher owns the delivery until it settles it or the lease ends: send it. */
    record Granted(String token) implements Claim {
    }

    /** A newer version of the incident was already claimed for this recipient and channel. */
    record Superseded() implements Claim {
    }

    /** Already settled with this outcome (a redelivered record): record it again, do not send. */
    record Settled(String counter, String reason) implements Claim {
    }

    /** Another dispatcher holds the claim; try again after {@code remaining}. */
    record Held(Duration remaining) implements Claim {
    }
}
