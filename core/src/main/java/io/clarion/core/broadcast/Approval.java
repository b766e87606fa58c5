package io.clarion.core.broadcast;

import io.clarion.core.validation.Violations;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The {@code approval} of a broadcast request (or a playbook): whether a second key must approve it before anything is
 * expanded or sent, and after how long it is released by itself when nobody approved or rejected it.
 *
 * @param required         {@code true}: the broadcast starts {@code pending-approval}
 * @param autoReleaseAfter an ISO-8601 duration ({@code PT10M}), or null for "only a human releases it"
 */
public record Approval(Boolean required, String autoReleaseAfter) {
    public static final Duration MAX_AUTO_RELEASE = Duration.ofDays(7);

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    /** The auto-release delay, or null; call after {@link #validate}. */
    public Duration autoRelease() {
        return autoReleaseAfter == null ? null : Duration.parse(autoReleaseAfter);
    }

    public void validate(String path, Violations v) {
        if (autoReleaseAfter == null) {
            return;
        }
        try {
            Duration after = Duration.parse(autoReleaseAfter);
            if (after.isNegative() || after.isZero() || after.compareTo(MAX_AUTO_RELEASE) > 0) {
                v.add(path + ".autoReleaseAfter", autoReleaseAfter + " (expected: > PT0S and <= P7D)");
            }
        } catch (DateTimeParseException e) {
            v.add(path + ".autoReleaseAfter", "'" + autoReleaseAfter + "' is not an ISO-8601 duration (expected e.g. PT10M)");
        }
    }
}
