package io.clarion.gateway.timeline;

import static io.clarion.gateway.timeline.Timeline.fields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code GET /v1/kpis}: the broadcasts created in [from, to), per incident and overall. Time to first message and
 * to last message are per broadcast (update stored → first / last {@code sent}); the overall figures are their
 * p50 and p95 (nearest rank) over the broadcasts that sent anything. {@code truncated} is true when more than
 * {@link TimelineStore#MAX_BROADCASTS} broadcasts were created in the window (the oldest ones are reported).
 * {@code suppressed} counts suppressed deliveries by reason; {@code deferred} counts deliveries that waited at least
 * once (a blackout, a recipient's limit, an open circuit) by the reason of their latest wait, sent since or not.
 */
record KpiReport(Instant from, Instant to, boolean truncated, Map<String, Object> overall,
                 List<Map<String, Object>> incidents) {

    static KpiReport of(Instant from, Instant to, boolean truncated, List<BroadcastFigures> broadcasts,
                        List<TimelineStore.Reason> suppressed, List<TimelineStore.Reason> deferred) {
        Map<String, List<BroadcastFigures>> byIncident = new LinkedHashMap<>();
        broadcasts.forEach(f -> byIncident.computeIfAbsent(f.broadcast().incidentId(), id -> new ArrayList<>()).add(f));
        List<Map<String, Object>> incidents = new ArrayList<>();
        byIncident.forEach((incident, figures) -> incidents.add(incident(incident, figures)));
        Map<String, Object> overall = new LinkedHashMap<>();
        overall.put("broadcasts", broadcasts.size());
        overall.put("timeToFirstMessageMs", percentiles(broadcasts.stream().map(BroadcastFigures::timeToFirstMessageMs).toList()));
        overall.put("timeToLastMessageMs", percentiles(broadcasts.stream().map(BroadcastFigures::timeToLastMessageMs).toList()));
        overall.put("deliveries", deliveries(broadcasts));
        overall.put("suppressed", byReason(suppressed));
        overall.put("deferred", byReason(deferred));
        return new KpiReport(from, to, truncated, overall, incidents);
    }

    private static Map<String, Long> byReason(List<TimelineStore.Reason> reasons) {
        Map<String, Long> counts = new LinkedHashMap<>();
        reasons.forEach(reason -> counts.put(reason.reason(), reason.count()));
        return counts;
    }

    private static Map<String, Object> incident(String incidentId, List<BroadcastFigures> figures) {
        BroadcastFigures first = figures.stream().filter(f -> f.firstSentAt() != null).findFirst().orElse(null);
        return fields("incidentId", incidentId, "broadcasts", figures.size(),
                "timeToFirstMessageMs", first == null ? null : first.timeToFirstMessageMs(),
                "timeToLastMessageMs", first == null ? null : first.timeToLastMessageMs(),
                "deliveries", deliveries(figures));
    }

    private static Map<String, Map<String, Long>> deliveries(List<BroadcastFigures> figures) {
        Map<String, Map<String, Long>> channels = new TreeMap<>();
        figures.forEach(f -> f.channels().forEach((channel, counts) -> counts.forEach((outcome, n) ->
                channels.computeIfAbsent(channel, c -> new TreeMap<>()).merge(outcome, n, Long::sum))));
        return channels;
    }

    /** p50 and p95 by nearest rank over the known values; nulls (nothing sent) are left out. */
    static Map<String, Object> percentiles(List<Long> values) {
        List<Long> known = values.stream().filter(Objects::nonNull).sorted().toList();
        return fields("count", known.size(), "p50", rank(known, 0.50), "p95", rank(known, 0.95));
    }

    private static Long rank(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
