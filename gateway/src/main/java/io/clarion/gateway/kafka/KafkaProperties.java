package io.clarion.gateway.kafka;

import io.clarion.core.secret.Masked;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of the gateway.
 *
 * @param bootstrapServers  the brokers, {@code host:port,...}
 * @param broadcastsTopic   where accepted broadcasts go (key: incident id)
 * @param noticesTopic      transactional emails that are not incident updates, e.g. a subscriber's confirmation
 *                          request (key: tenant/recipient); the dispatcher's email channel sends them
 * @param deliveryTimeout   how long a publish may take before the relay gives up and retries later
 * @param properties        kafka-clients properties given to every client the gateway creates (its producer,
 *                          its health check's admin client), e.g. {@code security.protocol}, {@code sasl.mechanism},
 *                          {@code sasl.jaas.config}, {@code ssl.truststore.location}: TLS and SASL. Clarion's own
 *                          settings of a client (bootstrap servers, acks, idempotence, timeouts) win over them.
 *                          Secret values are masked in {@link #toString()}.
 */
@ConfigurationProperties("clarion.kafka")
public record KafkaProperties(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                              @DefaultValue("clarion.broadcasts") String broadcastsTopic,
                              @DefaultValue("clarion.notices") String noticesTopic,
                              @DefaultValue("30s") Duration deliveryTimeout,
                              @DefaultValue Map<String, String> properties) {
    public KafkaProperties {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** One client's configuration: {@link #properties()} with Clarion's own settings of that client over them. */
    Map<String, Object> clientConfig(Map<String, Object> clarionSettings) {
        Map<String, Object> config = new HashMap<>(properties);
        config.putAll(clarionSettings);
        return config;
    }

    @Override
    public String toString() {
        return "KafkaProperties[bootstrapServers=" + bootstrapServers + ", broadcastsTopic=" + broadcastsTopic
                + ", noticesTopic=" + noticesTopic + ", deliveryTimeout=" + deliveryTimeout + ", properties=" + Masked.properties(properties) + "]";
    }
}
