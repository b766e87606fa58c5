package io.clarion.gateway.kafka;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Publishes records to Kafka. Completes only when every record is acknowledged by all in-sync
 * replicas, and fails if any is not. The only place in the gateway that knows reactor-kafka.
 */
public interface RecordPublisher {
    Mono<Void> publishAll(List<OutgoingRecord> records);
}
