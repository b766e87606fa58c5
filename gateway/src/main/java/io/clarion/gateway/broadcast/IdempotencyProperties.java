package io.clarion.gateway.broadcast;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotency keys of {@code POST /v1/broadcasts}.
 *
 * @param retention       how long an answered key is kept (the API promises at least 24 h)
 * @param janitorInterval how often each gateway deletes keys past their retention
 * @param janitorBatch    rows deleted per statement (several gateways share the work without blocking)
 */
@ConfigurationProperties("clarion.idempotency")
public record IdempotencyProperties(@DefaultValue("48h") Duration retention,
                                    @DefaultValue("10m") Duration janitorInterval,
                                    @DefaultValue("1000") int janitorBatch) {
    public IdempotencyProperties {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("clarion.idempotency.retention: " + retention + " (expected: >= 24h)");
        }
        if (janitorInterval.isNegative() || janitorInterval.isZero()) {
            throw new IllegalArgumentException("clarion.idempotency.janitor-interval: " + janitorInterval
                    + " (expected: > 0)");
        }
        if (janitorBatch < 1) {
            throw new IllegalArgumentException("clarion.idempotency.janitor-batch: " + janitorBatch + " (expected: > 0)");
        }
    }
}
