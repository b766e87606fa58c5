package io.clarion.gateway.stream;

import io.clarion.gateway.timeline.BroadcastFigures;
import io.clarion.gateway.timeline.TimelineStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each broadcast's progress per channel, from the delivery archive (the broadcast row has totals only), shared by
 * every stream on this gateway: a broadcast's figures are read again only when it changed, and at most once per
 * {@link #REFRESH} while it runs, so many dashboards watching a large broadcast cost one aggregate per second, not
 * one each. A completed broadcast is always read once more after its last change, so its final figures are exact.
 * At most {@link #CACHED} broadcasts are remembered (least recently used dropped).
 */
@Component
class ChannelProgress {
    static final Duration REFRESH = Duration.ofSeconds(1);
    static final int CACHED = 1000;

    private final TimelineStore timeline;
    private final Map<UUID, Entry> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Entry> eldest) {
            return size() > CACHED;
        }
    };

    ChannelProgress(TimelineStore timeline) {
        this.timeline = timeline;
    }

    private record Entry(Instant updatedAt, long readAtNanos, BroadcastFigures figures) {
    }

    /** The figures of {@code rows}' broadcasts, by id. */
    Mono<Map<UUID, BroadcastFigures>> of(String tenant, List<StreamStore.BroadcastRow> rows) {
        Map<UUID, BroadcastFigures> known = new LinkedHashMap<>();
        List<StreamStore.BroadcastRow> stale = rows.stream().filter(row -> !cached(row, known)).toList();
        if (stale.isEmpty()) {
            return Mono.just(known);
        }
        List<TimelineStore.Broadcast> broadcasts = stale.stream().map(StreamStore.BroadcastRow::broadcast).toList();
        return timeline.outcomes(tenant, broadcasts.stream().map(TimelineStore.Broadcast::id).toList()).collectList()
                .map(outcomes -> {
                    List<BroadcastFigures> figures = BroadcastFigures.of(broadcasts, outcomes);
                    for (int i = 0; i < figures.size(); i++) {
                        remember(stale.get(i), figures.get(i));
                        known.put(figures.get(i).id(), figures.get(i));
                    }
                    return known;
                });
    }

    private boolean cached(StreamStore.BroadcastRow row, Map<UUID, BroadcastFigures> known) {
        Entry entry;
        synchronized (cache) {
            entry = cache.get(row.broadcast().id());
        }
        boolean fresh = entry != null && (entry.updatedAt().equals(row.updatedAt())
                || (!"completed".equals(row.broadcast().status())
                    && System.nanoTime() - entry.readAtNanos() < REFRESH.toNanos()));
        if (fresh) {
            known.put(row.broadcast().id(), entry.figures());
        }
        return fresh;
    }

    private void remember(StreamStore.BroadcastRow row, BroadcastFigures figures) {
        synchronized (cache) {
            cache.put(row.broadcast().id(), new Entry(row.updatedAt(), System.nanoTime(), figures));
        }
    }
}
