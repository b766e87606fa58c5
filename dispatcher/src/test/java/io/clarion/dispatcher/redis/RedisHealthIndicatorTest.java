package io.clarion.dispatcher.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The readiness check on Redis, against the real server, while it is down, and after it came back. */
@ExtendWith(DevStackExtension.class)
class RedisHealthIndicatorTest {
    private static RedisConnection redis;
    private static RedisHealthIndicator indicator;

    @BeforeAll
    static void connect(DevStack stack) {
        RedisProperties properties = new RedisProperties(stack.redisUri(), "health:", Duration.ofSeconds(1));
        redis = new RedisConnection(properties);
        indicator = new RedisHealthIndicator(redis, properties);
    }

    @AfterAll
    static void disconnect() {
        redis.destroy();
    }

    @Test
    void isUpWhenRedisAnswersPing() {
        indicator.health().as(StepVerifier::create)
                .assertNext(health -> assertThat(health.getStatus()).isEqualTo(Status.UP))
                .verifyComplete();
    }

    @Test
    void isDownWhileRedisIsGoneAndUpAgainOnceItIsBack(DevStack stack) {
        stack.redis().kill();
        try {
            indicator.health().as(StepVerifier::create)
                    .assertNext(health -> assertThat(health.getStatus()).isEqualTo(Status.DOWN))
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
        } finally {
            stack.redis().restart();
        }

        Flux.interval(Duration.ofMillis(200)).concatMap(tick -> indicator.health())
                .filter(health -> health.getStatus().equals(Status.UP)).next()
                .as(StepVerifier::create)
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }
}
