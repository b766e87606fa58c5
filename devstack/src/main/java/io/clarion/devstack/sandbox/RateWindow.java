package io.clarion.devstack.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts requests per wall-clock second, as SES and Twilio count their sending rate: the first
 * {@code ratePerSecond} requests of a second are admitted, the others are not. Lock-free; the
 * count restarts when a request arrives in a later second.
 */
final class RateWindow {

    /** The current second in the high 32 bits, the requests counted in it in the low 32 bits. */
    private final AtomicLong secondAndCount = new AtomicLong();

    boolean admit(int ratePerSecond, long nowMillis) {
        if (ratePerSecond <= 0) {
            return true;
        }
        long second = (nowMillis / 1000) & 0xFFFF_FFFFL;
        long updated = secondAndCount.updateAndGet(current -> (current >>> 32) == second
                ? current + 1 : (second << 32) | 1);
        return (updated & 0xFFFF_FFFFL) <= ratePerSecond;
    }
}
