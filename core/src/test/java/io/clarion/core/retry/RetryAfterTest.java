package io.clarion.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @ParameterizedTest(name = "''{0}'' → {1} s")
    @CsvSource(delimiter = '|', value = {
            "7 | 7",
            "' 120 ' | 120",
            "0 | 0",
            "'' | 0",
            "soon | 0",
            "-5 | 0",
            "9999999999 | 86400",
            "Fri, 27 Nov 2026 10:00:30 GMT | 30",
            "Fri, 27 Nov 2026 09:59:00 GMT | 0",
            "Sat, 28 Nov 2026 12:00:00 GMT | 86400"})
    void readsSecondsOrAnHttpDate(String header, long seconds) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @org.junit.jupiter.api.Test
    void absentIsZero() {
        assertThat(RetryAfter.parse(null, NOW)).isZero();
    }
}
