package io.clarion.dispatcher.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What lettuce makes of clarion.redis.url, and what the settings show of it. */
class RedisUrlTest {

    @Test
    void redissMeansTlsWithThePasswordOfTheUrl() {
        RedisURI uri = RedisConnection.uri(properties("rediss://:s3cret-pass@redis.internal:6380/2"));

        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.isVerifyPeer()).as("the server's certificate is verified").isTrue();
        assertThat(new String(uri.getPassword())).isEqualTo("s3cret-pass");
        assertThat(uri.getHost()).isEqualTo("redis.internal");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(2);
    }

    @Test
    void redisIsPlainTextWithAnOptionalUserAndPassword() {
        RedisURI plain = RedisConnection.uri(properties("redis://:s3cret-pass@redis:6379"));
        RedisURI acl = RedisConnection.uri(properties("redis://clarion:s3cret-pass@redis:6379"));

        assertThat(plain.isSsl()).isFalse();
        assertThat(new String(plain.getPassword())).isEqualTo("s3cret-pass");
        assertThat(acl.getUsername()).isEqualTo("clarion");
        assertThat(new String(acl.getPassword())).isEqualTo("s3cret-pass");
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(properties("rediss://:s3cret-pass@redis:6380").toString())
                .contains("rediss://:***@redis:6380").doesNotContain("s3cret-pass");
    }

    @Test
    void refusesAUrlThatIsNotRedisNamingWhatItExpects() {
        assertThatThrownBy(() -> properties("http://:s3cret-pass@redis:6379"))
                .hasMessageContaining("clarion.redis.url: http://:***@redis:6379 (expected: redis://")
                .message().doesNotContain("s3cret-pass");
    }

    private static RedisProperties properties(String url) {
        return new RedisProperties(url, "clarion:", Duration.ofSeconds(2));
    }
}
