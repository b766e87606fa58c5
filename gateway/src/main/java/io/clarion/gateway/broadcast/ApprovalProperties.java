package io.clarion.gateway.broadcast;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Approvals of broadcasts.
 *
 * @param pollInterval how often each gateway looks for pending broadcasts whose auto-release time has passed
 *                     (an auto-release fires at most this late)
 * @param batch        broadcasts released per transaction
 */
@ConfigurationProperties("clarion.approvals")
public record ApprovalProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("100") int batch) {
    public ApprovalProperties {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("clarion.approvals.poll-interval: " + pollInterval + " (expected: > 0)");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("clarion.approvals.batch: " + batch + " (expected: > 0)");
        }
    }
}
