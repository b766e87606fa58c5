package io.clarion.core.statuspage;

import io.clarion.core.incident.Severity;
import java.util.Locale;

/**
 * How much an incident hurts, in the words of Atlassian Statuspage's {@code impact} and of its page-wide
 * {@code status.indicator}: {@code SEV1} is {@link #CRITICAL}, {@code SEV2} {@link #MAJOR}, {@code SEV3}
 * {@link #MINOR}, anything milder {@link #NONE}. Declared from mildest to worst, so the worst of several is
 * the greatest.
 */
public enum Impact {
    NONE("All Systems Operational"),
    MINOR("Minor Service Outage"),
    MAJOR("Partial System Outage"),
    CRITICAL("Major Service Outage");

    private final String description;

    Impact(String description) {
        this.description = description;
    }

    public static Impact of(Severity severity) {
        return switch (severity) {
            case SEV1 -> CRITICAL;
            case SEV2 -> MAJOR;
            case SEV3 -> MINOR;
            case SEV4, SEV5 -> NONE;
        };
    }

    /** What a page whose worst problem has this impact says about itself, as Statuspage words it. */
    public String pageDescription() {
        return description;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Impact worse(Impact other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
