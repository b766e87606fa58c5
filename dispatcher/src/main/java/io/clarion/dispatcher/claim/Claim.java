package io.clarion.dispatcher.claim;

import java.time.Duration;

/** The answer of one claim round trip for a delivery. */
public sealed interface Claim {

    /** This dispatcher owns the delivery and its lane until it settles them or the lease ends: send it. */
    record Granted(String token) implements Claim {
    }

    /** A newer version of the incident was already claimed for this recipient and channel. */
    record Superseded() implements Claim {
    }

    /** Already settled with this outcome (a redelivered record): record it again, do not send. */
    record Settled(String counter, String reason) implements Claim {
    }

    /** This very delivery is claimed by another dispatcher (or one that died); its lease ends in {@code remaining}. */
    record Held(Duration remaining) implements Claim {
    }

    /**
     * Another version of the incident is being sent to this recipient on this channel; try again
     * shortly (it finishes first, so versions arrive in order). Its lease ends in {@code remaining} at most.
     */
    record Busy(Duration remaining) implements Claim {
    }
}
