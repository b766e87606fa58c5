package io.clarion.gateway.shedding;

import java.util.concurrent.Semaphore;

/**
 * A non-blocking bound on requests in flight: {@link #tryEnter()} never waits, it answers at once
 * whether the request may proceed. Every successful entry must be matched by one {@link #leave()}.
 */
final class InFlightLimit {
    private final int max;
    private final Semaphore permits;

    InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: > 0)");
        }
        this.max = max;
        this.permits = new Semaphore(max);
    }

    boolean tryEnter() {
        return permits.tryAcquire();
    }

    void leave() {
        permits.release();
    }

    int inFlight() {
        return max - permits.availablePermits();
    }
}
