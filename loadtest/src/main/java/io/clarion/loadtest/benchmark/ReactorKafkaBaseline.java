package io.clarion.loadtest.benchmark;

import io.clarion.dispatcher.kafka.KafkaClientSettings;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.ReactorKafkaStreams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/**
 * The same produce and consume as {@link PlainKafkaBaseline} through reactor-kafka, configured as
 * Clarion configures it ({@link KafkaClientSettings}, and the defaults of {@link KafkaProperties}): a
 * sender that stops on error with 8,192 records in flight; a receiver one poll ahead (its default),
 * acknowledging every record, committing every {@code commit-interval}. Consume runs three ways: as
 * Clarion consumes (its {@link ReactorKafkaStreams}, acknowledgements in any order sequenced into
 * in-order commits), with reactor-kafka's own out-of-order commits, and with plain in-order
 * acknowledgements, which is reactor-kafka's receive path alone. Consume is timed from the first record
 * to the last.
 */
final class ReactorKafkaBaseline {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private ReactorKafkaBaseline() {
    }

    static Measurement produce(String bootstrap, String topic, int records) {
        KafkaSettings.createTopic(bootstrap, topic);
        KafkaSender<String, String> sender = KafkaSender.create(
                SenderOptions.<String, String>create(KafkaSettings.producer(bootstrap))
                        .maxInFlight(KafkaClientSettings.SENDER_MAX_IN_FLIGHT).stopOnError(true));
        try {
            Usage usage = Usage.start();
            Long sent = sender.send(Flux.range(0, records).map(i -> SenderRecord.create(
                            new ProducerRecord<>(topic, KafkaSettings.key(i), KafkaSettings.VALUE), System.nanoTime())))
                    .concatMap(result -> result.exception() == null ? Mono.just(result) : Mono.error(result.exception()))
                    .count().block(TIMEOUT);
            return usage.measure("B_kafka produce (reactor-kafka)", sent == null ? 0 : sent, usage.elapsedSeconds(),
                    new long[0]);
        } finally {
            sender.close();
        }
    }

    /**
     * As Clarion consumes, through its own {@link ReactorKafkaStreams}: acknowledgements in any order,
     * sequenced so that offsets are committed up to the oldest unacknowledged record.
     */
    static Measurement consume(String bootstrap, String topic, String group, int records) {
        ReactorKafkaStreams streams = new ReactorKafkaStreams(clarion(bootstrap));
        try {
            Usage usage = Usage.start();
            AtomicLong firstAt = new AtomicLong();
            Long received = streams.consume(topic, group)
                    .take(records)
                    .doOnNext(record -> {
                        firstAt.compareAndSet(0, System.nanoTime());
                        record.acknowledge();
                    })
                    .count().block(TIMEOUT);
            return usage.measure("B_kafka consume (reactor-kafka, Clarion)", received == null ? 0 : received,
                    secondsSince(firstAt), new long[0]);
        } finally {
            streams.destroy();
        }
    }

    /**
     * reactor-kafka's own out-of-order commits ({@code maxDeferredCommits}), which Clarion used before its
     * commit sequencer: they cap a consumer at {@code max-deferred-commits} records per commit interval.
     */
    static Measurement consumeOutOfOrder(String bootstrap, String topic, String group, int records) {
        return consume("B_kafka consume (reactor-kafka out-of-order)", bootstrap, topic, group, records,
                clarion(bootstrap).maxDeferredCommits());
    }

    /** Acknowledgements in order only: reactor-kafka's receive path with no commit bookkeeping at all. */
    static Measurement consumeInOrder(String bootstrap, String topic, String group, int records) {
        return consume("B_kafka consume (reactor-kafka, in-order)", bootstrap, topic, group, records, 0);
    }

    /** The dispatcher's Kafka settings: its defaults, with this broker. */
    private static KafkaProperties clarion(String bootstrap) {
        return new Binder(new MapConfigurationPropertySource(Map.of("clarion.kafka.bootstrap-servers", bootstrap)))
                .bindOrCreate("clarion.kafka", KafkaProperties.class);
    }

    private static double secondsSince(AtomicLong firstAt) {
        return firstAt.get() == 0 ? 0 : (System.nanoTime() - firstAt.get()) / 1e9;
    }

    private static Measurement consume(String name, String bootstrap, String topic, String group, int records,
                                       int maxDeferredCommits) {
        ReceiverOptions<String, String> options = ReceiverOptions.<String, String>create(
                        KafkaSettings.consumer(bootstrap, group))
                .subscription(List.of(topic))
                .commitInterval(clarion(bootstrap).commitInterval())
                .maxDeferredCommits(maxDeferredCommits);
        Usage usage = Usage.start();
        AtomicLong firstAt = new AtomicLong();
        Long received = KafkaReceiver.create(options).receive()
                .take(records)
                .map(record -> acknowledged(record, firstAt))
                .count().block(TIMEOUT);
        return usage.measure(name, received == null ? 0 : received, secondsSince(firstAt), new long[0]);
    }

    private static ReceiverRecord<String, String> acknowledged(ReceiverRecord<String, String> record, AtomicLong firstAt) {
        firstAt.compareAndSet(0, System.nanoTime());
        record.receiverOffset().acknowledge();
        return record;
    }
}
