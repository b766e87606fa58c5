package io.clarion.loadtest.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * B_kafka: plain kafka-clients, Clarion's settings ({@link KafkaSettings}). Produce: every record sent
 * asynchronously, timed from the first send to the last acknowledgement. Consume: one consumer of a new
 * group polling a topic from the earliest offset and committing asynchronously every 200 ms (Clarion's
 * {@code clarion.kafka.commit-interval}), timed from the first record received to the last, so the
 * group join does not count.
 */
final class PlainKafkaBaseline {
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private PlainKafkaBaseline() {
    }

    static Measurement produce(String bootstrap, String topic, int records) throws InterruptedException {
        KafkaSettings.createTopic(bootstrap, topic);
        CountDownLatch acked = new CountDownLatch(records);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Latencies latencies = new Latencies(records);
        Usage usage;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaSettings.producer(bootstrap))) {
            usage = Usage.start();
            for (int i = 0; i < records; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, KafkaSettings.key(i), KafkaSettings.VALUE), (metadata, e) -> {
                    failure.compareAndSet(null, e);
                    latencies.record(start);
                    acked.countDown();
                });
            }
            awaitOrFail(acked, "acknowledgements of " + records + " records");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed", failure.get());
        }
        return usage.measure("B_kafka produce (kafka-clients)", records, usage.elapsedSeconds(), latencies.recorded());
    }

    static Measurement consume(String bootstrap, String topic, String group, int records) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, group))) {
            consumer.subscribe(List.of(topic));
            Usage usage = Usage.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long firstAt = 0;
            long lastCommit = System.nanoTime();
            AtomicLong received = new AtomicLong();
            while (received.get() < records && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(100));
                if (!batch.isEmpty() && firstAt == 0) {
                    firstAt = System.nanoTime();
                }
                received.addAndGet(batch.count());
                if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
                    consumer.commitAsync();
                    lastCommit = System.nanoTime();
                }
            }
            consumer.commitSync();
            double seconds = firstAt == 0 ? 0 : (System.nanoTime() - firstAt) / 1e9;
            return usage.measure("B_kafka consume (kafka-clients)", received.get(), seconds, new long[0]);
        }
    }

    private static void awaitOrFail(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(what + " did not arrive within " + TIMEOUT);
        }
    }
}
