package io.clarion.dispatcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** clarion.kafka.properties.* reach every Kafka client of the dispatcher, so TLS and SASL work; secrets stay out of logs. */
class KafkaPassThroughTest {
    private static final Map<String, String> SECURITY = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"clarion\" password=\"hunter2\";",
            "ssl.truststore.password", "hunter2");
    private static final KafkaProperties PROPERTIES = properties(SECURITY);

    @Test
    void theProducerGetsEveryPassThroughProperty() {
        assertThat(ReactorKafkaStreams.producerConfig(PROPERTIES)).containsAllEntriesOf(SECURITY);
    }

    @Test
    void theConsumersGetEveryPassThroughProperty() {
        assertThat(ReactorKafkaStreams.consumerConfig(PROPERTIES, "g.deliver")).containsAllEntriesOf(SECURITY)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g.deliver");
    }

    @Test
    void theTopicProvisionersAndTheHealthChecksAdminClientsGetEveryPassThroughProperty() {
        assertThat(TopicProvisioner.adminConfig(PROPERTIES)).containsAllEntriesOf(SECURITY);
        assertThat(KafkaHealthIndicator.adminConfig(PROPERTIES)).containsAllEntriesOf(SECURITY);
    }

    @Test
    void clarionsOwnSettingsWinOverPassThroughOnes() {
        KafkaProperties properties = properties(Map.of("enable.auto.commit", "true", "acks", "1"));

        assertThat(ReactorKafkaStreams.consumerConfig(properties, "g")).containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        assertThat(ReactorKafkaStreams.producerConfig(properties)).containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }

    @Test
    void toStringShowsNoSecret() {
        assertThat(PROPERTIES.toString()).contains("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512")
                .doesNotContain("hunter2");
    }

    private static KafkaProperties properties(Map<String, String> passThrough) {
        return new KafkaProperties("broker:9093", "b", "d", "d.retry", "d.dlq", "n", 1, (short) 1, "g",
                Duration.ofMillis(200), 100, passThrough, null);
    }
}
