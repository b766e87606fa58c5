package io.clarion.dispatcher.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
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
 * {@link RecordStreams} over reactor-kafka. Records processed concurrently may be acknowledged in any
 * order: a {@link CommitSequencer} per consumer passes acknowledgements on to reactor-kafka in offset
 * order, so no offset is committed past a record that is still in flight, and pauses the consumer while
 * more than {@code max-deferred-commits} records are not yet committable. (reactor-kafka's own
 * out-of-order commits do the same with sorted sets of every offset, which capped a consumer at
 * {@code max-deferred-commits} records per commit interval.) The producer is idempotent with
 * {@code acks=all}.
 */
@Component
public class ReactorKafkaStreams implements RecordStreams, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ReactorKafkaStreams.class);
    private final KafkaProperties properties;
    private final KafkaSender<String, String> sender;
    private final KafkaMetrics metrics;

    /** Streams whose metrics nobody reads (outside Spring: the benchmark's baseline, tests). */
    public ReactorKafkaStreams(KafkaProperties properties) {
        this(properties, KafkaMetrics.unread());
    }

    @Autowired
    ReactorKafkaStreams(KafkaProperties properties, KafkaMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
        this.sender = KafkaSender.create(SenderOptions.<String, String>create(producerConfig(properties))
                .maxInFlight(KafkaClientSettings.SENDER_MAX_IN_FLIGHT)
                .stopOnError(true));
    }

    @Override
    public Flux<InboundRecord> consume(String topic, String group) {
        return Flux.defer(() -> {
            AtomicReference<KafkaReceiver<String, String>> receiver = new AtomicReference<>();
            AtomicReference<CommitSequencer> self = new AtomicReference<>();
            CommitSequencer sequencer = new CommitSequencer(properties.maxDeferredCommits(),
                    pause -> pause(receiver.get(), () -> self.get().paused()));
            self.set(sequencer);
            ReceiverOptions<String, String> options = ReceiverOptions.<String, String>create(
                            consumerConfig(properties, group))
                    .subscription(List.of(topic))
                    .commitInterval(properties.commitInterval())
                    .addAssignListener(assigned -> sequencer.assigned())
                    .addRevokeListener(revoked -> sequencer.revoked(revoked.stream()
                            .map(partition -> partition.topicPartition().partition()).toList()));
            receiver.set(KafkaReceiver.create(options));
            metrics.consuming(new KafkaMetrics.Consumer(topic, group), sequencer);
            // receive()'s prefetch counts whole polls (up to max.poll.records each), not records: keep its default
            // of one poll ahead, or the consumer polls far ahead of the pipeline and the heap grows with the backlog
            return receiver.get().receive().map(record -> inbound(record, sequencer));
        });
    }

    static Map<String, Object> producerConfig(KafkaProperties properties) {
        return properties.clientConfig(KafkaClientSettings.producer(properties.bootstrapServers()));
    }

    static Map<String, Object> consumerConfig(KafkaProperties properties, String group) {
        return properties.clientConfig(KafkaClientSettings.consumer(properties.bootstrapServers(), group));
    }

    private static InboundRecord inbound(ReceiverRecord<String, String> record, CommitSequencer sequencer) {
        return new InboundRecord(record.key(), record.value(), record.partition(), record.offset(),
                sequencer.track(record.partition(), record.receiverOffset()::acknowledge));
    }

    /**
     * Pauses or resumes every partition the consumer has, as {@code paused} says when the consumer thread gets to it
     * (level, not edge: a late hop applies the current state, not a stale one); reactor-kafka keeps user pauses
     * across its own.
     */
    private static void pause(KafkaReceiver<String, String> receiver, BooleanSupplier paused) {
        receiver.doOnConsumer(consumer -> {
                    boolean pause = paused.getAsBoolean();
                    if (pause) {
                        consumer.pause(consumer.assignment());
                    } else {
                        consumer.resume(consumer.assignment());
                    }
                    return pause;
                })
                .subscribe(done -> { }, error -> log.warn("could not pause or resume the consumer: {}", error.toString()));
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
