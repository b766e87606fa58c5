package io.clarion.dispatcher.priority;

import io.clarion.dispatcher.kafka.KafkaProperties;
import java.util.List;

/** Builds {@link Urgency} for tests of other packages (its constructor is package-private). */
public final class UrgencyAccess {
    private UrgencyAccess() {
    }

    /** SEV1 and SEV2 are urgent. */
    public static Urgency create(KafkaProperties kafka) {
        return new Urgency(new PriorityProperties(List.of("SEV1", "SEV2"), 0.2), kafka);
    }
}
