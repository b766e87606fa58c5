package io.clarion.gateway.broadcast;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Broadcast previews (blast radius).
 *
 * @param statementTimeout the longest PostgreSQL may count one preview's audience; beyond it the preview
 *                         answers 503 and the database stops working on it
 */
@ConfigurationProperties("clarion.preview")
public record PreviewProperties(@DefaultValue("10s") Duration statementTimeout) {
    public PreviewProperties {
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("clarion.preview.statement-timeout: " + statementTimeout
                    + " (expected: > 0)");
        }
    }
}
