package io.clarion.dispatcher.delivery;

import io.clarion.core.channel.Channel;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery throughput knobs.
 *
 * @param concurrency  deliveries in flight (claims, permits, sends) at once in each channel's lane of a dispatcher:
 *                     each channel has its own, so a throttled provider holds back only its own channel
 * @param emailConcurrency deliveries in flight at once in the email lane (at least {@code concurrency}): up to
 *                     {@code clarion.channels.email.bulk-size} emails share one SES request, so 1,024 in flight are
 *                     about 20 requests, a third of {@code clarion.channels.email.max-concurrency}; with 256 the lane
 *                     waits on its own batching windows (a million emails took 122 s instead of 88 s on a warm
 *                     2-core box, docs/tuning.md)
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
                                 @DefaultValue("20s") Duration shutdownGrace,
                                 @DefaultValue("1024") int emailConcurrency) {
    public DeliveryProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException("clarion.delivery.concurrency: " + concurrency + " (expected: > 0)");
        }
        if (emailConcurrency < 1) {
            throw new IllegalArgumentException("clarion.delivery.email-concurrency: " + emailConcurrency
                    + " (expected: > 0)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("clarion.delivery.batch-size: " + batchSize + " (expected: > 0)");
        }
    }

    /** The most deliveries {@code channel}'s lane holds in flight. */
    public int concurrency(Channel channel) {
        return channel == Channel.EMAIL ? Math.max(concurrency, emailConcurrency) : concurrency;
    }
}
