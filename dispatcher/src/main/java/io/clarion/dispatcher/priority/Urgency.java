package io.clarion.dispatcher.priority;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.dispatcher.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Which deliveries are urgent, and the topic each goes through: urgent ones ({@code clarion.priority
 * .urgent-severities}) on their own topic, consumed by their own consumer and lanes, so they never queue behind
 * bulk records. Splitting the topics keeps the per-recipient guarantees: versions are ordered by the claims' lanes
 * and high-water marks (an older bulk version arriving after a newer urgent one is superseded), not by Kafka order.
 */
@Component
public class Urgency {
    private final PriorityProperties properties;
    private final KafkaProperties kafka;

    Urgency(PriorityProperties properties, KafkaProperties kafka) {
        this.properties = properties;
        this.kafka = kafka;
    }

    public boolean isUrgent(String severity) {
        return properties.isUrgent(severity);
    }

    public boolean isUrgent(DeliveryJob job) {
        return isUrgent(job.content().severity());
    }

    /** The deliveries topic of an update of {@code severity}. */
    public String deliveriesTopic(String severity) {
        return isUrgent(severity) ? kafka.urgentDeliveriesTopic() : kafka.deliveriesTopic();
    }

    public String deliveriesTopic(DeliveryJob job) {
        return deliveriesTopic(job.content().severity());
    }
}
