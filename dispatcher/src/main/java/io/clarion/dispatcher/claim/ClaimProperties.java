package io.clarion.dispatcher.claim;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery claims in Redis.
 *
 * @param lease     how long a claim protects a send in progress; a dispatcher that dies leaves its claim
 *                  to expire after this, and another takes over. Must exceed the longest send (all
 *                  attempts and timeouts included).
 * @param retention how long settled outcomes and version high-water marks are remembered
 */
@ConfigurationProperties("clarion.claims")
public record ClaimProperties(@DefaultValue("60s") Duration lease, @DefaultValue("7d") Duration retention) {
}
