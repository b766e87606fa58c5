package io.clarion.gateway.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of the gateway.
 *
 * @param bootstrapServers  the brokers, {@code host:port,...}
 * @param broadcastsTopic   where accepted broadcasts go (key: incident id)
 * @param deliveryTimeout   how long a publish may take before the relay gives up and retries later
 */
@ConfigurationProperties("clarion.kafka")
public record KafkaProperties(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                              @DefaultValue("clarion.broadcasts") String broadcastsTopic,
                              @DefaultValue("30s") Duration deliveryTimeout) {
}
