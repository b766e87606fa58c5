package io.clarion.dispatcher.blackout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Blackout windows as dispatchers apply them.
 *
 * @param refresh how long a tenant's blackouts are read from PostgreSQL once and shared by every delivery: a
 *                change through the API applies within this
 * @param maxHold the longest a held delivery waits in the retry topic before it is looked at again, even when
 *                its window ends later: a blackout deleted or shortened meanwhile releases it within this, and
 *                no held delivery occupies the retry relay for longer
 */
@ConfigurationProperties("clarion.blackouts")
public record BlackoutProperties(@DefaultValue("15s") Duration refresh, @DefaultValue("5m") Duration maxHold) {
    public BlackoutProperties {
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("clarion.blackouts.refresh: " + refresh + " (expected: > 0)");
        }
        if (maxHold.isNegative() || maxHold.isZero()) {
            throw new IllegalArgumentException("clarion.blackouts.max-hold: " + maxHold + " (expected: > 0)");
        }
    }
}
