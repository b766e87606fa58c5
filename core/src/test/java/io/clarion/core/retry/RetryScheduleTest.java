package io.clarion.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final List<Duration> STANDARD_WEBHOOKS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));

    @Test
    void fixedScheduleFollowsTheDelaysThenGivesUp() {
        RetrySchedule schedule = RetrySchedule.fixed(STANDARD_WEBHOOKS);

        assertThat(schedule.maxAttempts()).isEqualTo(8);
        assertThat(schedule.delayAfter(1, Duration.ZERO, () -> 0.5)).contains(Duration.ofSeconds(5));
        assertThat(schedule.delayAfter(2, Duration.ZERO, () -> 0.5)).contains(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(7, Duration.ZERO, () -> 0.5)).contains(Duration.ofHours(10));
        assertThat(schedule.delayAfter(8, Duration.ZERO, () -> 0.5)).isEmpty();
    }

    @Test
    void exponentialBackoffIsFullJitterUnderADoublingCeiling() {
        RetrySchedule schedule = RetrySchedule.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30), 6);

        assertThat(schedule.delayAfter(1, Duration.ZERO, () -> 0.999)).contains(Duration.ofMillis(999));
        assertThat(schedule.delayAfter(3, Duration.ZERO, () -> 0.5)).contains(Duration.ofSeconds(2));
        assertThat(schedule.delayAfter(5, Duration.ZERO, () -> 0.5)).contains(Duration.ofSeconds(8));
        assertThat(schedule.delayAfter(5, Duration.ZERO, () -> 0.0)).contains(Duration.ZERO);
        assertThat(schedule.delayAfter(6, Duration.ZERO, () -> 0.5)).isEmpty();
    }

    @Test
    void ceilingIsCappedAtTheMaximumDelay() {
        RetrySchedule schedule = RetrySchedule.exponential(Duration.ofSeconds(1), Duration.ofSeconds(10), 100);

        assertThat(schedule.delayAfter(60, Duration.ZERO, () -> 0.99)).contains(Duration.ofMillis(9_900));
    }

    @Test
    void providerHintWinsButIsCapped() {
        RetrySchedule schedule = RetrySchedule.exponential(Duration.ofSeconds(1), Duration.ofMinutes(5), 4);

        assertThat(schedule.delayAfter(1, Duration.ofSeconds(42), () -> 0.1)).contains(Duration.ofSeconds(42));
        assertThat(schedule.delayAfter(1, Duration.ofHours(3), () -> 0.1)).contains(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(4, Duration.ofSeconds(42), () -> 0.1)).isEmpty();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> RetrySchedule.exponential(Duration.ZERO, Duration.ofSeconds(1), 3))
                .hasMessage("first: PT0S (expected: > 0)");
        assertThatThrownBy(() -> RetrySchedule.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .hasMessage("maxAttempts: 0 (expected: > 0)");
        assertThatThrownBy(() -> RetrySchedule.fixed(List.of(Duration.ofSeconds(-1))))
                .hasMessage("delays: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> RetrySchedule.fixed(List.of()).delayAfter(0, Duration.ZERO, () -> 0))
                .hasMessage("attempt: 0 (expected: > 0)");
    }
}
