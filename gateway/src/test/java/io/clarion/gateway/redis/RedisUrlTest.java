package io.clarion.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The gateway reaches the dispatchers' Redis with the same URL forms: password, TLS. */
class RedisUrlTest {

    @Test
    void redissMeansTlsWithThePasswordOfTheUrl() {
        RedisURI uri = GatewayRedis.uri(properties("rediss://:s3cret-pass@redis.internal:6380"));

        assertThat(uri.isSsl()).isTrue();
        assertThat(new String(uri.getPassword())).isEqualTo("s3cret-pass");
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(properties("redis://:s3cret-pass@redis:6379").toString())
                .contains("redis://:***@redis:6379").doesNotContain("s3cret-pass");
    }

    private static RedisProperties properties(String url) {
        return new RedisProperties(url, "clarion:", Duration.ofSeconds(2));
    }
}
