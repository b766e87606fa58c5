package io.clarion.dispatcher.outage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RetryWhileUnavailableTest {

    @Test
    void brokenInfrastructureIsWaitedOut() {
        assertThat(RetryWhileUnavailable.isUnavailable(new RedisCommandTimeoutException("EVAL timed out"))).isTrue();
        assertThat(RetryWhileUnavailable.isUnavailable(new DataAccessResourceFailureException("down"))).isTrue();
        assertThat(RetryWhileUnavailable.isUnavailable(new IllegalStateException("wrapped",
                new RedisCommandTimeoutException("SET timed out")))).isTrue();
    }

    @Test
    void aCompositeOfTimeoutsFromConcurrentCommandsIsWaitedOut() {
        Throwable composite = Exceptions.multiple(new RedisCommandTimeoutException("SET"),
                new RedisCommandTimeoutException("SET"));
        assertThat(RetryWhileUnavailable.isUnavailable(composite)).isTrue();
    }

    @Test
    void bugsAreNotRetried() {
        assertThat(RetryWhileUnavailable.isUnavailable(new NullPointerException())).isFalse();
        assertThat(RetryWhileUnavailable.isUnavailable(Exceptions.multiple(new RedisCommandTimeoutException("SET"),
                new IllegalArgumentException("bug")))).isFalse();
    }

    @Test
    void retriesWithGrowingBackoffUntilTheServiceAnswers() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<String> flaky = Mono.defer(() -> attempts.incrementAndGet() < 5
                ? Mono.error(new RedisCommandTimeoutException("timed out")) : Mono.just("answer"));

        StepVerifier.withVirtualTime(() -> RetryWhileUnavailable.retrying(flaky, Duration.ofMillis(100), () -> "test"))
                .expectSubscription()
                // the first retry waits at least 100 ms
                .expectNoEvent(Duration.ofMillis(99))
                .thenAwait(Duration.ofMinutes(1))
                .expectNext("answer")
                .verifyComplete();
        assertThat(attempts).hasValue(5);
    }

    @Test
    void anErrorThatIsNotUnavailabilityGoesOnAtOnceWithoutARetry() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<String> broken = Mono.defer(() -> {
            attempts.incrementAndGet();
            return Mono.error(new IllegalStateException("a bug"));
        });

        StepVerifier.create(RetryWhileUnavailable.retrying(broken, Duration.ofMillis(100), () -> "test"))
                .expectErrorMessage("a bug")
                .verify(Duration.ofSeconds(5));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void theBackoffDoublesUpToFiveSecondsAndItsJitterStaysWithinHalfOfItAndTheBounds() {
        Duration first = Duration.ofMillis(100);

        assertThat(RetryWhileUnavailable.backoff(0, first, 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(RetryWhileUnavailable.backoff(3, first, 0)).isEqualTo(Duration.ofMillis(800));
        assertThat(RetryWhileUnavailable.backoff(3, first, 1)).isEqualTo(Duration.ofMillis(1200));
        assertThat(RetryWhileUnavailable.backoff(3, first, -1)).isEqualTo(Duration.ofMillis(400));
        assertThat(RetryWhileUnavailable.backoff(0, first, -1)).as("never below the first").isEqualTo(first);
        assertThat(RetryWhileUnavailable.backoff(6, first, 1)).as("never above 5 s").isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryWhileUnavailable.backoff(6, first, -1)).isEqualTo(Duration.ofMillis(2500));
        assertThat(RetryWhileUnavailable.backoff(Long.MAX_VALUE, first, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryWhileUnavailable.backoff(70, Duration.ofSeconds(30), 0)).as("a first above 5 s is kept")
                .isEqualTo(Duration.ofSeconds(30));
    }
}
