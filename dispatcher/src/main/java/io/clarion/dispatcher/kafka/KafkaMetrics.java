package io.clarion.dispatcher.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The Kafka side of "where is it waiting?", tagged by topic and consumer group only:
 * <ul>
 *   <li>{@code clarion.kafka.pending.commits{topic,group}}: records consumed and not yet committable;</li>
 *   <li>{@code clarion.kafka.consumer.paused{topic,group}}: 1 while the consumer is paused for them;</li>
 *   <li>{@code clarion.kafka.consumer.lag{topic,group}}: records not yet consumed ({@link ConsumerLag});</li>
 *   <li>{@code clarion.dead.letters{source}}: records this dispatcher parked in the dead-letter topic.</li>
 * </ul>
 * A consumer that is subscribed again (after an error) replaces its predecessor in the same gauges.
 */
@Component
public class KafkaMetrics {
    private final MeterRegistry registry;
    private final Map<Consumer, AtomicReference<CommitSequencer>> sequencers = new ConcurrentHashMap<>();
    private final Map<Consumer, Long> lags = new ConcurrentHashMap<>();

    KafkaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics nobody reads, for a {@link ReactorKafkaStreams} made outside Spring (the benchmark's baseline). */
    static KafkaMetrics unread() {
        return new KafkaMetrics(new SimpleMeterRegistry());
    }

    /** A consumer group reading a topic: the unit lag and commits are measured in. */
    record Consumer(String topic, String group) {
        Tags tags() {
            return Tags.of("topic", topic, "group", group);
        }
    }

    void consuming(Consumer consumer, CommitSequencer sequencer) {
        sequencers.computeIfAbsent(consumer, this::register).set(sequencer);
    }

    /** The consumers this dispatcher runs, whose lag {@link ConsumerLag} measures. */
    Set<Consumer> consumers() {
        return Set.copyOf(sequencers.keySet());
    }

    void lag(Consumer consumer, long lag) {
        lags.put(consumer, lag);
    }

    void deadLettered(String sourceTopic) {
        deadLetters(sourceTopic).increment();
    }

    /** Registered up front per source topic, so that "no record parked" is a 0, not a missing series. */
    Counter deadLetters(String sourceTopic) {
        return Counter.builder("clarion.dead.letters").tag("source", sourceTopic)
                .description("Records this dispatcher parked in the dead-letter topic, by the topic they came from")
                .register(registry);
    }

    private AtomicReference<CommitSequencer> register(Consumer consumer) {
        AtomicReference<CommitSequencer> current = new AtomicReference<>();
        Gauge.builder("clarion.kafka.pending.commits", current, c -> c.get() == null ? 0 : c.get().pending())
                .tags(consumer.tags()).description("Records consumed and not yet committable (in flight or behind one)")
                .register(registry);
        Gauge.builder("clarion.kafka.consumer.paused", current, c -> c.get() != null && c.get().paused() ? 1 : 0)
                .tags(consumer.tags()).description("1 while the consumer is paused: too many records not yet committable")
                .register(registry);
        Gauge.builder("clarion.kafka.consumer.lag", lags, l -> l.getOrDefault(consumer, 0L))
                .tags(consumer.tags()).description("Records of the topic the group has not consumed yet (all partitions)")
                .register(registry);
        return current;
    }
}
