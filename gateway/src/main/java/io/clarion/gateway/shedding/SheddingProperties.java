package io.clarion.gateway.shedding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Load shedding of the gateway: how many API requests may be in flight at once before new ones are
 * refused with {@code 503} and {@code Retry-After}, instead of queueing without bound behind the
 * database pool, and how long an admitted one may take before it is answered so.
 *
 * @param enabled               whether API requests are shed at all: over the limit or past their deadline they are refused (503
 *                              {@code overloaded}) instead of queued
 * @param maxConcurrentRequests API requests ({@code /v1/...}) in flight at once; the next one is shed
 * @param retryAfter            what a shed request is told to wait, sent as whole seconds (rounded up)
 * @param requestDeadline       how long an admitted API request may go without answering: past it, a request
 *                              that has not started its answer is cancelled and answered {@code 503} with
 *                              {@code Retry-After}. A request that may write (not GET, HEAD, OPTIONS) is cut
 *                              only until it first gets a database connection, so it never answers 503 after
 *                              storing anything; the live stream and the streamed recipient import are never
 *                              cut. The default, 10 s, is far above a healthy request (milliseconds), equal to
 *                              {@code clarion.preview.statement-timeout} (the longest read the API allows itself),
 *                              below the pool's 15 s acquire timeout and common client timeouts (30-60 s)
 */
@ConfigurationProperties("clarion.gateway.shedding")
public record SheddingProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("128") int maxConcurrentRequests,
                                 @DefaultValue("1s") Duration retryAfter,
                                 @DefaultValue("10s") Duration requestDeadline) {
    public SheddingProperties {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("clarion.gateway.shedding.max-concurrent-requests: "
                    + maxConcurrentRequests + " (expected: > 0)");
        }
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("clarion.gateway.shedding.retry-after: " + retryAfter
                    + " (expected: > 0)");
        }
        if (requestDeadline == null || requestDeadline.isNegative() || requestDeadline.isZero()) {
            throw new IllegalArgumentException("clarion.gateway.shedding.request-deadline: " + requestDeadline
                    + " (expected: > 0)");
        }
    }

    /** {@link #retryAfter} as the delta-seconds a {@code Retry-After} header carries: at least 1. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds();
        return retryAfter.equals(Duration.ofSeconds(seconds)) ? Math.max(1, seconds) : seconds + 1;
    }
}
