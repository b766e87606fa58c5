package io.clarion.dispatcher.retry;

import io.clarion.core.channel.Channel;
import io.clarion.core.channel.ChannelDescriptor;
import io.clarion.core.retry.RetrySchedule;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When transiently failed deliveries are tried again.
 *
 * @param webhookSchedule the webhook channel's delays between attempts (Standard Webhooks' schedule); one
 *                        attempt more than there are delays
 * @param firstBackoff    email, SMS and push: the ceiling of the first full-jitter delay; doubles per attempt
 * @param maxBackoff      email, SMS and push: the longest delay, also the cap on a provider's Retry-After
 * @param maxAttempts     email, SMS and push: attempts before the delivery is dead-lettered
 * @param maxWaiting      retries a dispatcher holds in memory until they are due; beyond it the retry topic's
 *                        consumer pauses (back-pressure), so memory stays bounded
 */
@ConfigurationProperties("clarion.retry")
public record RetryProperties(@DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> webhookSchedule,
                              @DefaultValue("1s") Duration firstBackoff,
                              @DefaultValue("5m") Duration maxBackoff,
                              @DefaultValue("8") int maxAttempts,
                              @DefaultValue("10000") int maxWaiting) {
    public RetryProperties {
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("clarion.retry.max-waiting: " + maxWaiting + " (expected: > 0)");
        }
        webhookSchedule = List.copyOf(webhookSchedule);
        for (ChannelDescriptor.RetryStyle style : ChannelDescriptor.RetryStyle.values()) {
            schedule(webhookSchedule, firstBackoff, maxBackoff, maxAttempts, style);
        }
    }

    /** The schedule of a channel. */
    RetrySchedule schedule(Channel channel) {
        return schedule(webhookSchedule, firstBackoff, maxBackoff, maxAttempts, channel.descriptor().retry());
    }

    private static RetrySchedule schedule(List<Duration> webhookSchedule, Duration first, Duration max, int attempts,
                                          ChannelDescriptor.RetryStyle style) {
        try {
            return switch (style) {
                case FIXED -> RetrySchedule.fixed(webhookSchedule);
                case EXPONENTIAL -> RetrySchedule.exponential(first, max, attempts);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clarion.retry: " + e.getMessage(), e);
        }
    }
}
