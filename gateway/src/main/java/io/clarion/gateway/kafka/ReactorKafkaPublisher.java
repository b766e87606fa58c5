package io.clarion.gateway.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/** {@link RecordPublisher} over reactor-kafka: idempotent producer, {@code acks=all}, stop on first error. */
@Component
class ReactorKafkaPublisher implements RecordPublisher, DisposableBean {
    private final KafkaSender<String, String> sender;

    ReactorKafkaPublisher(KafkaProperties properties) {
        this.sender = KafkaSender.create(SenderOptions.<String, String>create(producerConfig(properties)).stopOnError(true));
    }

    static Map<String, Object> producerConfig(KafkaProperties properties) {
        return properties.clientConfig(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.deliveryTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(properties.deliveryTimeout().toMillis(), 15_000),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.deliveryTimeout().toMillis(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @Override
    public Mono<Void> publishAll(List<OutgoingRecord> records) {
        Flux<SenderRecord<String, String, Long>> outgoing = Flux.fromIterable(records)
                .map(r -> SenderRecord.create(new ProducerRecord<>(r.topic(), r.key(), r.value()), r.id()));
        return sender.send(outgoing)
                .concatMap(result -> result.exception() == null ? Mono.empty() : Mono.error(result.exception()))
                .then();
    }

    @Override
    public void destroy() {
        sender.close();
    }
}
