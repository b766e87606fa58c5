package io.clarion.dispatcher.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookResponsesTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @ParameterizedTest(name = "Retry-After ''{0}'' waits {1}")
    @CsvSource(delimiter = '|', value = {
            "7 | PT7S", "0 | PT0S", "' 120 ' | PT2M", "86400 | PT1H", "99999999999999 | PT1H",
            "Sun, 01 Jun 2025 12:00:30 GMT | PT30S", "Sun, 01 Jun 2025 11:00:00 GMT | PT0S",
            "Mon, 02 Jun 2025 12:00:00 GMT | PT1H", "soon | PT0S", "-5 | PT0S", "'' | PT0S"})
    void readsRetryAfterAsSecondsOrAnHttpDateCappedAtAnHour(String header, Duration expected) {
        assertThat(WebhookResponses.retryAfter(header, NOW)).isEqualTo(expected);
    }
}
