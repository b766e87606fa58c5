package io.clarion.core.blackout;

import io.clarion.core.audience.RecipientProfile;
import io.clarion.core.audience.SegmentRule;
import io.clarion.core.incident.Severity;
import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.util.List;
import java.util.Map;

/**
 * A period during which a tenant's deliveries to an audience wait instead of going out (quiet hours, a planned
 * freeze): {@code audience} names segments (left out: the whole tenant), {@code window} says when
 * ({@link BlackoutWindow}), and updates of an {@code overrideSeverities} severity go out regardless.
 */
public record Blackout(String name, Audience audience, BlackoutWindow window, List<String> overrideSeverities) {
    private static final int MAX_SEGMENTS = 100;

    public Blackout {
        overrideSeverities = overrideSeverities == null ? List.of() : overrideSeverities;
    }

    /** The segments a blackout applies to; a recipient in any of them is held. */
    public record Audience(List<String> segments) {
    }

    /** What is wrong with a blackout as {@code PUT /v1/blackouts/{name}} received it. */
    public List<FieldError> validate() {
        Violations v = new Violations().identifier("name", name);
        if (audience != null) {
            List<String> segments = audience.segments();
            if (segments == null || segments.isEmpty() || segments.size() > MAX_SEGMENTS) {
                v.add("audience.segments", "must list 1.." + MAX_SEGMENTS + " segment names (expected: "
                        + "{\"segments\": [\"apac\"]}, or no audience for the whole tenant)");
            } else {
                v.strings("audience.segments", segments, 128);
            }
        }
        if (window == null) {
            v.add("window", "is required (expected: {\"start\", \"end\"} or {\"dailyFrom\", \"dailyTo\"})");
        } else {
            window.validate("window", v);
        }
        for (int i = 0; i < overrideSeverities.size(); i++) {
            String severity = overrideSeverities.get(i);
            if (severity == null || Severity.parse(severity).isEmpty()) {
                v.add("overrideSeverities[" + i + "]", "'" + severity + "' is not a severity (expected: SEV1 ... SEV5)");
            }
        }
        return v.errors();
    }

    /** Whether an update of {@code severity} goes out despite this blackout. */
    public boolean isOverriddenBy(String severity) {
        return overrideSeverities.contains(severity);
    }

    /** The segment names this blackout applies to; empty: the whole tenant. */
    public List<String> segmentsOrEmpty() {
        return audience == null ? List.of() : audience.segments();
    }

    /**
     * Whether a recipient with {@code profile} is in this blackout's audience, given the tenant's segment rules by
     * name. A segment that no longer exists holds nobody.
     */
    public boolean covers(RecipientProfile profile, Map<String, SegmentRule> segments) {
        if (audience == null) {
            return true;
        }
        return audience.segments().stream().map(segments::get)
                .anyMatch(rule -> rule != null && rule.matches(profile));
    }
}
