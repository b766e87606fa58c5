package io.clarion.gateway.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/incidents/{id}/timeline}: what happened to an incident, oldest first (ties keep the order of the
 * story: an update before the broadcast that announces it), and its KPIs. The top-level KPIs are the incident's
 * first broadcast that sent anything; {@code kpis.broadcasts} has every broadcast's own.
 */
record Timeline(String incidentId, List<Map<String, Object>> events, Map<String, Object> kpis) {

    static Timeline of(String incidentId, List<TimelineStore.Update> updates, List<BroadcastFigures> broadcasts,
                       List<TimelineStore.AuditEntry> approvals) {
        List<Event> events = new ArrayList<>();
        updates.forEach(u -> events.add(new Event(u.at(), 0, fields("type", "update", "at", u.at(), "version", u.version(),
                "status", u.status()))));
        for (BroadcastFigures figures : broadcasts) {
            TimelineStore.Broadcast b = figures.broadcast();
            events.add(new Event(b.createdAt(), 1, fields("type", "broadcast.created", "at", b.createdAt(),
                    "broadcastId", b.id(), "version", b.version(), "channels", b.channels())));
            figures.firstSent().forEach((channel, at) -> events.add(new Event(at, 3, fields("type", "first-delivery",
                    "at", at, "broadcastId", b.id(), "channel", channel))));
            if (b.completedAt() != null) {
                events.add(new Event(b.completedAt(), 4, fields("type", "broadcast.completed", "at", b.completedAt(),
                        "broadcastId", b.id(), "channels", figures.channels())));
            }
        }
        approvals.forEach(a -> events.add(new Event(a.at(), 2, fields("type", a.action(), "at", a.at(),
                "broadcastId", a.subject().substring("broadcast/".length()), "actor", a.actor()))));
        events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::rank));
        return new Timeline(incidentId, events.stream().map(Event::fields).toList(), kpis(broadcasts));
    }

    private static Map<String, Object> kpis(List<BroadcastFigures> broadcasts) {
        BroadcastFigures first = broadcasts.stream().filter(f -> f.firstSentAt() != null).findFirst().orElse(null);
        Map<String, Map<String, Long>> channels = new TreeMap<>();
        broadcasts.forEach(f -> f.channels().forEach((channel, counts) -> counts.forEach((outcome, n) ->
                channels.computeIfAbsent(channel, c -> new TreeMap<>()).merge(outcome, n, Long::sum))));
        Map<String, Object> kpis = new LinkedHashMap<>();
        kpis.put("timeToFirstMessageMs", first == null ? null : first.timeToFirstMessageMs());
        kpis.put("timeToLastMessageMs", first == null ? null : first.timeToLastMessageMs());
        kpis.put("channels", channels);
        kpis.put("broadcasts", broadcasts.stream().map(f -> fields("broadcastId", f.id(), "version", f.broadcast().version(),
                "status", f.broadcast().status(), "timeToFirstMessageMs", f.timeToFirstMessageMs(),
                "timeToLastMessageMs", f.timeToLastMessageMs(), "channels", f.channels())).toList());
        return kpis;
    }

    /** A map that keeps its order and takes nulls. */
    static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private record Event(Instant at, int rank, Map<String, Object> fields) {
    }
}
