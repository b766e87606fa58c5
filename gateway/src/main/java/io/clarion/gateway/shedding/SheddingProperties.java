package io.clarion.gateway.shedding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Load shedding of the gateway: how many API requests may be in flight at once before new ones are
 * refused with {@code 503} and {@code Retry-After}, instead of queueing without bound behind the
 * database pool.
 *
 * @param enabled               whether API requests over the limit are refused (503 {@code overloaded}) instead of
 *                              queued
 * @param maxConcurrentRequests API requests ({@code /v1/...}) in flight at once; the next one is shed
 * @param retryAfter            what a shed request is told to wait, sent as whole seconds (rounded up)
 */
@ConfigurationProperties("clarion.gateway.shedding")
public record SheddingProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("128") int maxConcurrentRequests,
                                 @DefaultValue("1s") Duration retryAfter) {
    public SheddingProperties {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("clarion.gateway.shedding.max-concurrent-requests: "
                    + maxConcurrentRequests + " (expected: > 0)");
        }
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("clarion.gateway.shedding.retry-after: " + retryAfter
                    + " (expected: > 0)");
        }
    }

    /** {@link #retryAfter} as the delta-seconds a {@code Retry-After} header carries: at least 1. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds();
        return retryAfter.equals(Duration.ofSeconds(seconds)) ? Math.max(1, seconds) : seconds + 1;
    }
}
