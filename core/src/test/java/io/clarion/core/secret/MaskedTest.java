package io.clarion.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskedTest {

    @Test
    void masksSecretKafkaPropertiesAndKeepsTheOthers() {
        Map<String, String> shown = Masked.properties(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required password=\"hunter2\";",
                "ssl.truststore.location", "/etc/kafka/truststore.jks",
                "ssl.truststore.password", "hunter2",
                "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----"));

        assertThat(shown).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                .containsEntry("sasl.jaas.config", Masked.MASK)
                .containsEntry("ssl.truststore.password", Masked.MASK)
                .containsEntry("ssl.keystore.key", Masked.MASK);
        assertThat(shown.toString()).doesNotContain("hunter2", "PRIVATE KEY");
    }

    @Test
    void masksThePasswordOfAUrlAndNothingElse() {
        assertThat(Masked.url("rediss://:hunter2@redis.internal:6380/0")).isEqualTo("rediss://:***@redis.internal:6380/0");
        assertThat(Masked.url("redis://clarion:hunter2@redis:6379")).isEqualTo("redis://clarion:***@redis:6379");
        assertThat(Masked.url("redis://hunter2@redis:6379")).as("a lone user-info is lettuce's password")
                .isEqualTo("redis://:***@redis:6379");
        assertThat(Masked.url("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
    }
}
