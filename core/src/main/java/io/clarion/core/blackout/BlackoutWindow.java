package io.clarion.core.blackout;

import io.clarion.core.validation.Violations;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a blackout holds deliveries, in one of two shapes: an absolute window {@code [start, end)} (instants, the
 * same for every recipient), or a daily window {@code [dailyFrom, dailyTo)} of local times read in the recipient's
 * own time zone, crossing midnight when {@code dailyFrom} is later than {@code dailyTo} ({@code 22:00}–{@code 07:00}).
 * <p>
 * Daylight saving time: whether an instant is inside a daily window is decided by the recipient's wall-clock time;
 * a window that ends at a local time skipped by a spring-forward gap ends at the transition (the first instant whose
 * local time is past it), and one that ends at a local time repeated by a fall-back overlap ends at its first
 * occurrence after the instant asked about, so a window never ends before it was entered.
 */
public record BlackoutWindow(String start, String end, String dailyFrom, String dailyTo) {
    private static final Pattern LOCAL_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /** Adds what is wrong with this window to {@code v}, fields named under {@code field}. */
    void validate(String field, Violations v) {
        boolean absolute = start != null || end != null;
        boolean daily = dailyFrom != null || dailyTo != null;
        if (absolute == daily) {
            v.add(field, (absolute ? "mixes an absolute and a daily window" : "names no window")
                    + " (expected: either {\"start\", \"end\"} as UTC instants or {\"dailyFrom\", \"dailyTo\"} as HH:mm)");
            return;
        }
        if (absolute) {
            Instant from = instant(field + ".start", start, v);
            Instant to = instant(field + ".end", end, v);
            if (from != null && to != null && !to.isAfter(from)) {
                v.add(field + ".end", "'" + end + "' is not after start '" + start + "' (expected: end > start)");
            }
            return;
        }
        LocalTime from = localTime(field + ".dailyFrom", dailyFrom, v);
        LocalTime to = localTime(field + ".dailyTo", dailyTo, v);
        if (from != null && from.equals(to)) {
            v.add(field + ".dailyTo", "'" + dailyTo + "' equals dailyFrom (expected: a different time; "
                    + "a window crossing midnight has dailyFrom later than dailyTo)");
        }
    }

    /** Whether this is a daily window (read in each recipient's time zone). */
    public boolean daily() {
        return dailyFrom != null;
    }

    /**
     * The instant this window ends if {@code now} is inside it for a recipient in {@code zone}; empty when it is
     * outside. Only valid windows ({@link Blackout#validate}) may be asked.
     */
    public Optional<Instant> endIfInside(Instant now, ZoneId zone) {
        if (!daily()) {
            Instant from = Instant.parse(start);
            Instant to = Instant.parse(end);
            return !now.isBefore(from) && now.isBefore(to) ? Optional.of(to) : Optional.empty();
        }
        LocalTime from = LocalTime.parse(dailyFrom);
        LocalTime to = LocalTime.parse(dailyTo);
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        LocalTime time = local.toLocalTime();
        LocalDate today = local.toLocalDate();
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to) ? Optional.of(firstAfter(today.atTime(to), zone, now))
                    : Optional.empty();
        }
        if (!time.isBefore(from)) {
            return Optional.of(firstAfter(today.plusDays(1).atTime(to), zone, now));
        }
        return time.isBefore(to) ? Optional.of(firstAfter(today.atTime(to), zone, now)) : Optional.empty();
    }

    /** The first instant after {@code now} at which the wall clock in {@code zone} reads {@code local} or later. */
    private static Instant firstAfter(LocalDateTime local, ZoneId zone, Instant now) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        Instant last = now;
        for (ZoneOffset offset : offsets) {
            last = local.toInstant(offset);
            if (last.isAfter(now)) {
                return last;
            }
        }
        return last;
    }

    private static Instant instant(String field, String value, Violations v) {
        if (value == null) {
            v.add(field, "is required");
            return null;
        }
        try {
            if (!value.endsWith("Z")) {
                throw new DateTimeException("not UTC");
            }
            return Instant.parse(value);
        } catch (DateTimeException e) {
            v.add(field, "'" + abbreviate(value) + "' is not a UTC instant (expected: ISO 8601 ending in Z, "
                    + "e.g. 2026-12-24T22:00:00Z)");
            return null;
        }
    }

    private static LocalTime localTime(String field, String value, Violations v) {
        if (value == null) {
            v.add(field, "is required");
            return null;
        }
        if (!LOCAL_TIME.matcher(value).matches()) {
            v.add(field, "'" + abbreviate(value) + "' is not a time of day (expected: HH:mm, 00:00 to 23:59)");
            return null;
        }
        return LocalTime.parse(value);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
