package io.clarion.gateway.stream;

import io.clarion.gateway.ratelimit.BucketLevels;
import io.clarion.gateway.timeline.BroadcastFigures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.codec.ServerSentEvent;

/**
 * The stream's events, as the dashboard and any other client read them. An event's id is a position in time (the
 * database's, in microseconds since the epoch): {@code Last-Event-ID} resumes from there.
 */
final class StreamEvents {
    static final String INCIDENT_UPDATE = "incident.update";
    static final String BROADCAST_PROGRESS = "broadcast.progress";
    static final String RATE_LIMIT = "rate-limit";

    private StreamEvents() {
    }

    static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static ServerSentEvent<Object> update(StreamStore.UpdateRow u, long id) {
        return event(INCIDENT_UPDATE, id, fields("incidentId", u.incidentId(), "version", u.version(), "status", u.status(),
                "severity", u.severity(), "title", u.title(), "body", u.body(), "at", u.at()));
    }

    static ServerSentEvent<Object> progress(StreamStore.BroadcastRow row, BroadcastFigures figures, long id) {
        var b = row.broadcast();
        long pending = Math.max(0, row.targeted() - row.sent() - row.failed() - row.superseded() - row.suppressed());
        Map<String, Object> counts = fields("targeted", row.targeted(), "sent", row.sent(), "failed", row.failed(),
                "superseded", row.superseded(), "suppressed", row.suppressed(), "pending", pending);
        return event(BROADCAST_PROGRESS, id, fields("broadcastId", b.id(), "incidentId", b.incidentId(),
                "version", b.version(), "severity", row.severity(), "title", row.title(), "status", b.status(),
                "channels", b.channels(), "counts", counts, "byChannel", byChannel(row, figures),
                "createdAt", b.createdAt(), "updatedAt", row.updatedAt(), "completedAt", b.completedAt(),
                "timeToFirstMessageMs", figures == null ? null : figures.timeToFirstMessageMs()));
    }

    static ServerSentEvent<Object> rateLimits(List<BucketLevels.Level> levels, long id) {
        return event(RATE_LIMIT, id, fields("buckets", levels,
                "throttled", levels.stream().filter(BucketLevels.Level::throttled).map(BucketLevels.Level::bucket).toList()));
    }

    static ServerSentEvent<Object> comment(String text) {
        return ServerSentEvent.builder().comment(text).build();
    }

    /** Per channel: its share of the targeted pairs (one per recipient and channel) and its outcomes so far. */
    private static Map<String, Map<String, Long>> byChannel(StreamStore.BroadcastRow row, BroadcastFigures figures) {
        Map<String, Map<String, Long>> channels = new TreeMap<>();
        List<String> names = row.broadcast().channels();
        long targeted = names.isEmpty() ? 0 : row.targeted() / names.size();
        for (String channel : names) {
            Map<String, Long> counts = new LinkedHashMap<>(figures == null ? Map.of()
                    : figures.channels().getOrDefault(channel, Map.of()));
            long done = counts.values().stream().mapToLong(Long::longValue).sum();
            counts.put("targeted", targeted);
            counts.put("pending", Math.max(0, targeted - done));
            channels.put(channel, counts);
        }
        return channels;
    }

    private static ServerSentEvent<Object> event(String type, long id, Object data) {
        return ServerSentEvent.builder(data).event(type).id(Long.toString(id)).build();
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }
}
