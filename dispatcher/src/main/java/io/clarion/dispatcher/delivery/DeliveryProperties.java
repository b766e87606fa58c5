package io.clarion.dispatcher.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery throughput knobs.
 *
 * @param concurrency  deliveries in flight (claims, permits, sends) at once in each channel's lane of a dispatcher:
 *                     each channel has its own, so a throttled provider holds back only its own channel
 * @param batchSize    most outcomes recorded per database statement: a statement records what completed while the
 *                     previous one was written, so a lone outcome is recorded at once (no waiting to fill a batch)
 *                     and batches grow with throughput up to this size
 * @param retryBackoff first wait when Redis or PostgreSQL is unavailable; doubles up to 5 s
 * @param shutdownGrace how long a stopping dispatcher lets deliveries in flight finish; keep it below
 *                      {@code spring.lifecycle.timeout-per-shutdown-phase} and the pod's termination grace
 */
@ConfigurationProperties("clarion.delivery")
public record DeliveryProperties(@DefaultValue("256") int concurrency,
                                 @DefaultValue("500") int batchSize,
                                 @DefaultValue("100ms") Duration retryBackoff,
                                 @DefaultValue("20s") Duration shutdownGrace) {
    public DeliveryProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException("clarion.delivery.concurrency: " + concurrency + " (expected: > 0)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("clarion.delivery.batch-size: " + batchSize + " (expected: > 0)");
        }
    }
}
