package io.clarion.core.blackout;

import static java.util.Objects.requireNonNull;

import io.clarion.core.audience.RecipientProfile;
import io.clarion.core.audience.SegmentRule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's blackouts with the rules of the segments they name: decides whether a delivery waits. A delivery is
 * held when a blackout not overridden by its severity covers its recipient and is in its window for the
 * recipient's time zone; it is held until the latest end among those windows (after which it is asked again, so
 * a window that begins as another ends holds it further).
 */
public record Blackouts(List<Blackout> blackouts, Map<String, SegmentRule> segments) {
    /** No blackouts: nothing is held. */
    public static final Blackouts NONE = new Blackouts(List.of(), Map.of());

    public Blackouts {
        blackouts = List.copyOf(requireNonNull(blackouts, "blackouts"));
        segments = Map.copyOf(requireNonNull(segments, "segments"));
    }

    /** Why and until when a delivery waits. */
    public record Hold(String blackout, Instant until) {
    }

    /**
     * The hold of a delivery of an update of {@code severity} to a recipient with {@code profile} living in
     * {@code zone}, at {@code now}; empty: it may go out.
     */
    public Optional<Hold> hold(String severity, RecipientProfile profile, ZoneId zone, Instant now) {
        return blackouts.stream()
                .filter(blackout -> !blackout.isOverriddenBy(severity) && blackout.covers(profile, segments))
                .flatMap(blackout -> blackout.window().endIfInside(now, zone)
                        .map(end -> new Hold(blackout.name(), end)).stream())
                .max(Comparator.comparing(Hold::until));
    }

    /** A recipient's time zone as stored (an IANA id), or UTC when it has none or it is not one. */
    public static ZoneId zoneOrUtc(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
