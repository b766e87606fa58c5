package io.clarion.dispatcher.priority;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Urgent first (DESIGN rule 9): which deliveries overtake the others, in the queue and in provider budgets.
 *
 * @param urgentSeverities severities whose deliveries go through the urgent topic and lanes, and may use the
 *                         reserved share of every provider and tenant bucket
 * @param reservedShare    share of each provider and tenant bucket that bulk deliveries may not take while urgent
 *                         ones want it (bulk takes tokens that are spare); 0 disables the reservation
 */
@ConfigurationProperties("clarion.priority")
public record PriorityProperties(@DefaultValue({"SEV1", "SEV2"}) List<String> urgentSeverities,
                                 @DefaultValue("0.2") double reservedShare) {
    public PriorityProperties {
        urgentSeverities = List.copyOf(urgentSeverities);
        if (reservedShare < 0 || reservedShare >= 1) {
            throw new IllegalArgumentException("clarion.priority.reserved-share: " + reservedShare
                    + " (expected: 0 <= x < 1)");
        }
    }

    /** Whether deliveries of an update of {@code severity} are urgent. */
    public boolean isUrgent(String severity) {
        return urgentSeverities.contains(severity);
    }
}
