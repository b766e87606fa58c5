package io.clarion.dispatcher.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link RecordStreams} in memory, for unit tests of the pipelines: each topic consumes the records given to
 * {@link #offer} and then completes; published records are kept per topic, and acknowledgements are counted.
 */
public final class FakeRecordStreams implements RecordStreams {
    private final Map<String, List<InboundRecord>> offered = new ConcurrentHashMap<>();
    private final Map<String, List<Published>> published = new ConcurrentHashMap<>();
    private final List<Long> acknowledged = new CopyOnWriteArrayList<>();
    private final AtomicLong offsets = new AtomicLong();

    /** A record published to a topic. */
    public record Published(String key, String value, Map<String, String> headers) {
    }

    /** Adds a record to {@code topic}; answers its offset. */
    public long offer(String topic, String key, String value) {
        long offset = offsets.getAndIncrement();
        offered.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                .add(new InboundRecord(key, value, 0, offset, () -> acknowledged.add(offset)));
        return offset;
    }

    @Override
    public Flux<InboundRecord> consume(String topic, String group) {
        return Flux.defer(() -> Flux.fromIterable(new ArrayList<>(offered.getOrDefault(topic, List.of()))));
    }

    @Override
    public Mono<Long> publish(String topic, Flux<Map.Entry<String, String>> records) {
        return records.doOnNext(r -> published(topic).add(new Published(r.getKey(), r.getValue(), Map.of()))).count();
    }

    @Override
    public Mono<Void> publish(String topic, String key, String value, Map<String, String> headers) {
        return Mono.fromRunnable(() -> published(topic).add(new Published(key, value, headers)));
    }

    public List<Published> published(String topic) {
        return published.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
    }

    public List<Long> acknowledged() {
        return acknowledged;
    }
}
