package io.clarion.core.statuspage;

import io.clarion.core.incident.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The status of a status page component, with Atlassian Statuspage's names. Unless set by hand, a component's
 * status is derived from the worst unresolved public incident on its service ({@link #derivedFrom}). Declared
 * from best to worst, so the worst of several (e.g. a group's) is the greatest.
 */
public enum ComponentStatus {
    OPERATIONAL("Operational", Impact.NONE),
    UNDER_MAINTENANCE("Under maintenance", Impact.NONE),
    DEGRADED_PERFORMANCE("Degraded performance", Impact.MINOR),
    PARTIAL_OUTAGE("Partial outage", Impact.MAJOR),
    MAJOR_OUTAGE("Major outage", Impact.CRITICAL);

    private final String label;
    private final Impact impact;

    ComponentStatus(String label, Impact impact) {
        this.label = label;
        this.impact = impact;
    }

    /**
     * The status implied by the most severe unresolved public incident on the component's service:
     * {@code SEV1} a major outage, {@code SEV2} a partial outage, {@code SEV3} degraded performance, milder
     * incidents or none at all (a {@code null} severity) operational.
     */
    public static ComponentStatus derivedFrom(Severity worst) {
        if (worst == null) {
            return OPERATIONAL;
        }
        return switch (worst) {
            case SEV1 -> MAJOR_OUTAGE;
            case SEV2 -> PARTIAL_OUTAGE;
            case SEV3 -> DEGRADED_PERFORMANCE;
            case SEV4, SEV5 -> OPERATIONAL;
        };
    }

    /** The status with this wire name ({@code major_outage}), or empty. */
    public static Optional<ComponentStatus> parse(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The words a reader of the status page sees. */
    public String label() {
        return label;
    }

    /** How the page-wide indicator reads a component in this status. */
    public Impact impact() {
        return impact;
    }

    public ComponentStatus worse(ComponentStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
