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

        StepVerifier.withVirtualTime(() -> flaky.retryWhen(RetryWhileUnavailable.of(Duration.ofMillis(100), () -> "test")))
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(1))
                .expectNext("answer")
                .verifyComplete();
        assertThat(attempts).hasValue(5);
    }
}
