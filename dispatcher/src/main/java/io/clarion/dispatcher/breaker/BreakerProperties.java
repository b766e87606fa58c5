package io.clarion.dispatcher.breaker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One circuit breaker per provider account, and the hard timeout on every provider call.
 *
 * @param callTimeout          the longest a provider call may take; then it counts as failed and is retried
 * @param failureRateThreshold percentage of failed calls (transient failures: throttled, unavailable, timed
 *                             out) in the window that opens the breaker
 * @param slidingWindow        calls the failure rate is computed over
 * @param minimumCalls         calls in the window before the rate is trusted
 * @param openFor              how long an open breaker parks deliveries before letting trial calls through
 * @param trialCalls           calls let through while half-open; their result closes or re-opens it
 */
@ConfigurationProperties("clarion.breaker")
public record BreakerProperties(@DefaultValue("15s") Duration callTimeout,
                                @DefaultValue("50") float failureRateThreshold,
                                @DefaultValue("50") int slidingWindow,
                                @DefaultValue("20") int minimumCalls,
                                @DefaultValue("10s") Duration openFor,
                                @DefaultValue("5") int trialCalls) {
    public BreakerProperties {
        if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("clarion.breaker.failure-rate-threshold: " + failureRateThreshold
                    + " (expected: 0 < x <= 100)");
        }
        if (slidingWindow < 1 || minimumCalls < 1 || trialCalls < 1) {
            throw new IllegalArgumentException("clarion.breaker: sliding-window " + slidingWindow + ", minimum-calls "
                    + minimumCalls + ", trial-calls " + trialCalls + " (expected: each > 0)");
        }
    }
}
