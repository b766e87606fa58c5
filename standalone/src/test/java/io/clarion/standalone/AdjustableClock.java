package io.clarion.standalone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that runs at the system's pace from an instant a test chooses ({@link #set}) and can be moved
 * ({@link #advance}): the engine's time for tests of time windows, without sleeping through them.
 */
final class AdjustableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** From now on, this clock reads {@code instant} and runs on from there. */
    void set(Instant instant) {
        offset.set(Duration.between(Instant.now(), instant));
    }

    void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the engine's clock is UTC");
    }
}
