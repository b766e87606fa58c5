package io.clarion.dispatcher.channel.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhook channel.
 *
 * @param connectTimeout  time to open a connection
 * @param responseTimeout time from request sent to response headers
 * @param maxAttempts     attempts per delivery for 5xx, 429, timeouts and connection errors
 * @param firstBackoff    delay before the second attempt; doubles, with jitter
 * @param maxConnections  connections kept open across all endpoints
 */
@ConfigurationProperties("clarion.channels.webhook")
public record WebhookProperties(@DefaultValue("2s") Duration connectTimeout,
                                @DefaultValue("10s") Duration responseTimeout,
                                @DefaultValue("3") int maxAttempts,
                                @DefaultValue("200ms") Duration firstBackoff,
                                @DefaultValue("500") int maxConnections) {
    public WebhookProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("clarion.channels.webhook.max-attempts: " + maxAttempts + " (expected: > 0)");
        }
    }
}
