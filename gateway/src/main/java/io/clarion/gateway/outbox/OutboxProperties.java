package io.clarion.gateway.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay.
 *
 * @param pollInterval how often the relay looks for records nobody nudged it about (e.g. after a restart)
 * @param batchSize    records published per database transaction
 */
@ConfigurationProperties("clarion.outbox")
public record OutboxProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("500") int batchSize) {
    public OutboxProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("clarion.outbox.batch-size: " + batchSize + " (expected: > 0)");
        }
    }
}
