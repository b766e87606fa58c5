package io.clarion.core.retry;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110): delay-seconds or an HTTP-date. Absent, unreadable or
 * already past reads as zero, which every channel takes to mean "use your backoff"; the retry schedule caps
 * whatever a provider asks for (see {@link RetrySchedule}).
 */
public final class RetryAfter {
    /** Longer than any schedule's cap; keeps absurd values from overflowing. */
    private static final Duration CEILING = Duration.ofDays(1);

    private RetryAfter() {
    }

    public static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Duration.ZERO;
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            return value.length() > 9 ? CEILING : atMostCeiling(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : atMostCeiling(until);
        } catch (DateTimeException unreadable) {
            return Duration.ZERO;
        }
    }

    private static Duration atMostCeiling(Duration delay) {
        return delay.compareTo(CEILING) > 0 ? CEILING : delay;
    }
}
