package io.clarion.dispatcher.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clarion.devstack.redis.RedisProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** A Redis that requires a password ({@code requirepass}), a real redis-server: the URL's password is used. */
class RedisPasswordTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static RedisProcess server;

    @BeforeAll
    static void start() {
        server = RedisProcess.startWithPassword(PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aUrlWithThePasswordConnectsAndRunsCommands() {
        assertThat(server.uri()).isEqualTo("redis://:" + PASSWORD + "@127.0.0.1:" + server.port());
        RedisConnection redis = new RedisConnection(properties(server.uri()));
        try {
            redis.commands().set("k", "v").then(redis.commands().get("k")).as(StepVerifier::create)
                    .expectNext("v").verifyComplete();
        } finally {
            redis.destroy();
        }
    }

    @Test
    void aWrongPasswordFailsTheStartNamingTheServerAndRedissAnswerButNotThePassword() {
        String url = "redis://:wrong-password@127.0.0.1:" + server.port();

        assertThatThrownBy(() -> new RedisConnection(properties(url)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clarion.redis.url=redis://:***@127.0.0.1:" + server.port())
                .hasMessageContaining("WRONGPASS")
                .message().doesNotContain("wrong-password");
    }

    @Test
    void noPasswordFailsTheStartClearly() {
        assertThatThrownBy(() -> new RedisConnection(properties("redis://127.0.0.1:" + server.port())))
                .isInstanceOf(IllegalStateException.class)
                // lettuce answers NOAUTH, or fails its handshake first when the server hangs up: both name the URL
                .hasMessageContaining("cannot connect to Redis at clarion.redis.url=redis://127.0.0.1:" + server.port());
    }

    private static RedisProperties properties(String url) {
        return new RedisProperties(url, "password:", Duration.ofSeconds(2));
    }
}
