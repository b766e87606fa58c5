package io.clarion.dispatcher.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/**
 * {@link RecordStreams} over reactor-kafka. Consumers use out-of-order commit sequencing
 * ({@code maxDeferredCommits}), so records processed concurrently may be acknowledged in any order and
 * no offset is committed past a record that is still in flight. The producer is idempotent with
 * {@code acks=all}.
 */
@Component
class ReactorKafkaStreams implements RecordStreams, DisposableBean {
    private final KafkaProperties properties;
    private final KafkaSender<String, String> sender;

    ReactorKafkaStreams(KafkaProperties properties) {
        this.properties = properties;
        this.sender = KafkaSender.create(SenderOptions.<String, String>create(
                        KafkaClientSettings.producer(properties.bootstrapServers()))
                .maxInFlight(KafkaClientSettings.SENDER_MAX_IN_FLIGHT)
                .stopOnError(true));
    }

    @Override
    public Flux<InboundRecord> consume(String topic, String group) {
        ReceiverOptions<String, String> options = ReceiverOptions.<String, String>create(KafkaClientSettings.consumer(properties.bootstrapServers(), group))
                .subscription(List.of(topic))
                .commitInterval(properties.commitInterval())
                .maxDeferredCommits(properties.maxDeferredCommits());
        // receive()'s prefetch counts whole polls (up to max.poll.records each), not records: keep its default of
        // one poll ahead, or the consumer polls far ahead of the pipeline and the heap grows with the backlog
        return KafkaReceiver.create(options).receive().map(ReactorKafkaStreams::inbound);
    }

    private static InboundRecord inbound(ReceiverRecord<String, String> record) {
        return new InboundRecord(record.key(), record.value(), record.partition(), record.offset(),
                record.receiverOffset()::acknowledge);
    }

    @Override
    public Mono<Long> publish(String topic, Flux<Map.Entry<String, String>> records) {
        return sender.send(records.map(r -> SenderRecord.create(new ProducerRecord<>(topic, r.getKey(), r.getValue()), 0)))
                .concatMap(result -> result.exception() == null ? Mono.just(1L) : Mono.error(result.exception()))
                .count();
    }

    @Override
    public Mono<Void> publish(String topic, String key, String value, Map<String, String> headers) {
        var record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        return sender.send(Mono.just(SenderRecord.create(record, 0)))
                .concatMap(result -> result.exception() == null ? Mono.<Void>empty() : Mono.error(result.exception()))
                .then();
    }

    @Override
    public void destroy() {
        sender.close();
    }
}
