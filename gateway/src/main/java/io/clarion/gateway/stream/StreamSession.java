package io.clarion.gateway.stream;

import io.clarion.gateway.ratelimit.BucketLevels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One client's stream of one tenant. Fresh, it starts with the current picture (every open incident's latest update,
 * the broadcasts changed last) and then polls what changed after its cursor. Resumed with {@code Last-Event-ID}, it
 * starts polling from that position instead. Each poll looks {@code overlap} behind the cursor and drops what it
 * already sent, so an event that committed late is still sent; a resumed stream may repeat events of that window
 * (at least once: an update is identified by incident and version, a progress event carries the whole state).
 * Reading the database, not this gateway's memory, is what lets a client resume on any gateway.
 * <p>Polls run one after another ({@code concatMap}), so the cursor and the set of recently sent events are only
 * ever touched by one poll at a time.
 */
final class StreamSession {
    private final String tenant;
    private final StreamStore store;
    private final ChannelProgress progress;
    private final BucketLevels levels;
    private final StreamProperties properties;
    private final AtomicLong cursor = new AtomicLong();
    private final Map<String, Long> sent = new HashMap<>();

    StreamSession(String tenant, StreamStore store, ChannelProgress progress, BucketLevels levels,
                  StreamProperties properties) {
        this.tenant = tenant;
        this.store = store;
        this.progress = progress;
        this.levels = levels;
        this.properties = properties;
    }

    Flux<ServerSentEvent<Object>> events(Long resumeFrom) {
        Flux<ServerSentEvent<Object>> start = resumeFrom == null ? snapshot()
                : Flux.defer(() -> {
                    cursor.set(resumeFrom);
                    return Flux.empty();
                });
        Flux<ServerSentEvent<Object>> changes = Flux.interval(properties.pollInterval()).onBackpressureDrop()
                .concatMap(tick -> poll(), 1);
        Flux<ServerSentEvent<Object>> rateLimits = Flux.interval(java.time.Duration.ZERO, properties.rateLimitInterval())
                .onBackpressureDrop().concatMap(tick -> rateLimits(), 1);
        Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(properties.heartbeat()).map(tick -> StreamEvents.comment("heartbeat"));
        return Flux.just(StreamEvents.comment("connected"))
                .concatWith(start)
                .concatWith(Flux.merge(changes, rateLimits, heartbeats));
    }

    private Flux<ServerSentEvent<Object>> snapshot() {
        return store.now().flatMapMany(now -> {
            cursor.set(StreamEvents.micros(now));
            return Mono.zip(store.openIncidents(tenant).collectList(), store.recentBroadcasts(tenant).collectList())
                    .flatMapMany(found -> events(found.getT1(), found.getT2()));
        });
    }

    private Flux<ServerSentEvent<Object>> poll() {
        Instant after = StreamEvents.instant(cursor.get()).minus(properties.overlap());
        return Mono.zip(store.updatesSince(tenant, after).collectList(), store.broadcastsSince(tenant, after).collectList())
                .flatMapMany(found -> events(found.getT1().stream().filter(this::unsent).toList(),
                        found.getT2().stream().filter(this::unsent).toList()))
                .doOnComplete(this::forgetBeforeOverlap);
    }

    private Flux<ServerSentEvent<Object>> rateLimits() {
        return levels.of(tenant).map(found -> StreamEvents.rateLimits(found, cursor.get())).flux()
                .onErrorResume(e -> Flux.empty()); // Redis away: the dashboard keeps the last levels it had
    }

    /** The events of these rows, in time order; each advances the cursor to its time (never back). */
    private Flux<ServerSentEvent<Object>> events(List<StreamStore.UpdateRow> updates, List<StreamStore.BroadcastRow> broadcasts) {
        return progress.of(tenant, broadcasts).flatMapIterable(figures -> {
            List<Timed> timed = new ArrayList<>();
            updates.forEach(u -> timed.add(new Timed(u.at(), key(u), id -> StreamEvents.update(u, id))));
            broadcasts.forEach(b -> timed.add(new Timed(b.updatedAt(), key(b),
                    id -> StreamEvents.progress(b, figures.get(b.broadcast().id()), id))));
            timed.sort(Comparator.comparing(Timed::at));
            return timed.stream().map(this::emit).toList();
        });
    }

    private ServerSentEvent<Object> emit(Timed event) {
        long at = StreamEvents.micros(event.at());
        sent.put(event.key(), at);
        return event.event().apply(cursor.accumulateAndGet(at, Math::max));
    }

    private boolean unsent(StreamStore.UpdateRow u) {
        return !sent.containsKey(key(u));
    }

    private boolean unsent(StreamStore.BroadcastRow b) {
        return !sent.containsKey(key(b));
    }

    private void forgetBeforeOverlap() {
        long horizon = cursor.get() - properties.overlap().toNanos() / 1000;
        sent.values().removeIf(at -> at < horizon);
    }

    private static String key(StreamStore.UpdateRow u) {
        return "u/" + u.incidentId() + "/" + u.version();
    }

    private static String key(StreamStore.BroadcastRow b) {
        return "b/" + b.broadcast().id() + "/" + StreamEvents.micros(b.updatedAt());
    }

    private record Timed(Instant at, String key, java.util.function.LongFunction<ServerSentEvent<Object>> event) {
    }
}
