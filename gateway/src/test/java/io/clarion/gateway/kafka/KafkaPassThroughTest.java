package io.clarion.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** clarion.kafka.properties.* reach every Kafka client of the gateway, so TLS and SASL work; secrets stay out of logs. */
class KafkaPassThroughTest {
    private static final Map<String, String> SECURITY = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"clarion\" password=\"hunter2\";",
            "ssl.truststore.password", "hunter2");
    private static final KafkaProperties PROPERTIES = new KafkaProperties("broker:9093", "b", "n", Duration.ofSeconds(5),
            SECURITY);

    @Test
    void theProducerGetsEveryPassThroughProperty() {
        assertThat(ReactorKafkaPublisher.producerConfig(PROPERTIES)).containsAllEntriesOf(SECURITY);
    }

    @Test
    void theHealthChecksAdminClientGetsEveryPassThroughProperty() {
        assertThat(KafkaHealthIndicator.adminConfig(PROPERTIES)).containsAllEntriesOf(SECURITY);
    }

    @Test
    void clarionsOwnSettingsWinOverPassThroughOnes() {
        KafkaProperties properties = new KafkaProperties("broker:9093", "b", "n", Duration.ofSeconds(5),
                Map.of("acks", "0", "bootstrap.servers", "elsewhere:9092"));

        assertThat(ReactorKafkaPublisher.producerConfig(properties))
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093");
    }

    @Test
    void environmentVariablesBindToPropertyNamesAsTheChartAndComposeGiveThem() {
        var environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.<String, Object>of(
                "CLARION_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "CLARION_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "jaas"));

        KafkaProperties bound = new Binder(ConfigurationPropertySources.from(environment))
                .bindOrCreate("clarion.kafka", KafkaProperties.class);

        assertThat(bound.properties()).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.jaas.config", "jaas"));
    }

    @Test
    void noPassThroughPropertiesByDefault() {
        KafkaProperties bound = new Binder(ConfigurationPropertySources.from(new MapPropertySource("none", Map.of())))
                .bindOrCreate("clarion.kafka", KafkaProperties.class);

        assertThat(bound.properties()).isEmpty();
    }

    @Test
    void toStringShowsNoSecret() {
        assertThat(PROPERTIES.toString()).contains("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512")
                .doesNotContain("hunter2");
    }
}
