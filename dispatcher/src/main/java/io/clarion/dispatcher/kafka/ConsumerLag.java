package io.clarion.dispatcher.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Measures every running consumer's lag, {@code clarion.kafka.consumer.lag{topic,group}}: the end offsets of
 * the topic's partitions minus the group's committed offsets, every {@value #EVERY_SECONDS} s, with the admin
 * client (the group's lag as a whole, whichever dispatcher owns a partition: read it with {@code max}). A
 * failed measurement keeps the last value and is tried again at the next tick.
 */
@Component
class ConsumerLag implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    static final int EVERY_SECONDS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KafkaMetrics metrics;
    private final KafkaProperties properties;
    private volatile Admin admin;
    private volatile Disposable running;

    ConsumerLag(KafkaMetrics metrics, KafkaProperties properties) {
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public void start() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
        running = Flux.interval(Duration.ofSeconds(1), Duration.ofSeconds(EVERY_SECONDS))
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(metrics.consumers()).concatMap(this::measure), 1)
                .subscribe();
    }

    private Mono<Void> measure(KafkaMetrics.Consumer consumer) {
        return Mono.fromFuture(() -> admin.listConsumerGroupOffsets(consumer.group()).partitionsToOffsetAndMetadata()
                        .toCompletionStage().toCompletableFuture())
                .map(committed -> committedOf(committed, consumer.topic()))
                .flatMap(committed -> endOffsets(committed.keySet())
                        .map(ends -> ends.entrySet().stream()
                                .mapToLong(end -> Math.max(0, end.getValue() - committed.get(end.getKey()))).sum()))
                .timeout(TIMEOUT.multipliedBy(2))
                .doOnNext(lag -> metrics.lag(consumer, lag))
                .onErrorResume(e -> {
                    log.debug("could not measure the lag of {}: {}", consumer, e.toString());
                    return Mono.empty();
                })
                .then();
    }

    /** Committed offsets of the group on the topic (a partition it never committed on is not counted). */
    private Map<TopicPartition, Long> committedOf(Map<TopicPartition, OffsetAndMetadata> committed, String topic) {
        return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Mono<Map<TopicPartition, Long>> endOffsets(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Mono.just(Map.of());
        }
        ListOffsetsResult ends = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())));
        return Mono.fromFuture(() -> ends.all().toCompletionStage().toCompletableFuture())
                .map(all -> all.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())));
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        Admin client = admin;
        if (client != null) {
            client.close(Duration.ofSeconds(1));
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
