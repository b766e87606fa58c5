package io.clarion.dispatcher.redaction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redaction of what a customer reads (API.md "Templates, locales, links, redaction").
 *
 * @param rulesTtl how long a dispatcher uses a tenant's rules before reading them again: a changed rule applies to
 *                 deliveries sent at most this long after the {@code PUT /v1/settings}
 * @param maxSteps character reads one rule may make on one text before the match is interrupted and the delivery
 *                 fails closed (dead-lettered, not sent unredacted)
 * @param cacheSize distinct texts (an update's title and body, a rendered message part) kept redacted per tenant
 *                  rules: every delivery of one text shares its redaction, only a recipient whose own email
 *                  address the text holds has it finished again
 */
@ConfigurationProperties("clarion.redaction")
public record RedactionProperties(@DefaultValue("30s") Duration rulesTtl,
                                  @DefaultValue("2000000") long maxSteps,
                                  @DefaultValue("1024") int cacheSize) {
    public RedactionProperties {
        if (rulesTtl.isNegative()) {
            throw new IllegalArgumentException("clarion.redaction.rules-ttl: " + rulesTtl + " (expected: >= 0)");
        }
        if (maxSteps < 1000) {
            throw new IllegalArgumentException("clarion.redaction.max-steps: " + maxSteps + " (expected: >= 1000)");
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("clarion.redaction.cache-size: " + cacheSize + " (expected: > 0)");
        }
    }
}
