package io.clarion.gateway.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One broadcast's figures from the archive: per channel, its outcomes counted and when its first message was sent;
 * and the times to its first and last sent message, measured from when the update it announces was stored (both
 * ends by the database's clock).
 */
public record BroadcastFigures(TimelineStore.Broadcast broadcast, Map<String, Map<String, Long>> channels,
                        Map<String, Instant> firstSent, Instant lastSent) {
    private static final List<String> OUTCOMES = List.of("sent", "failed", "superseded", "suppressed");

    public static List<BroadcastFigures> of(List<TimelineStore.Broadcast> broadcasts, List<TimelineStore.ChannelOutcome> outcomes) {
        List<BroadcastFigures> figures = new ArrayList<>(broadcasts.size());
        for (TimelineStore.Broadcast broadcast : broadcasts) {
            figures.add(of(broadcast, outcomes.stream().filter(o -> o.broadcastId().equals(broadcast.id())).toList()));
        }
        return figures;
    }

    private static BroadcastFigures of(TimelineStore.Broadcast broadcast, List<TimelineStore.ChannelOutcome> outcomes) {
        Map<String, Map<String, Long>> channels = new TreeMap<>();
        broadcast.channels().forEach(channel -> channels.put(channel, zeroCounts()));
        Map<String, Instant> firstSent = new TreeMap<>();
        Instant lastSent = null;
        for (TimelineStore.ChannelOutcome outcome : outcomes) {
            channels.computeIfAbsent(outcome.channel(), c -> zeroCounts()).merge(outcome.outcome(), outcome.count(), Long::sum);
            if (outcome.outcome().equals("sent")) {
                firstSent.put(outcome.channel(), outcome.first());
                lastSent = lastSent == null || outcome.last().isAfter(lastSent) ? outcome.last() : lastSent;
            }
        }
        return new BroadcastFigures(broadcast, channels, firstSent, lastSent);
    }

    private static Map<String, Long> zeroCounts() {
        Map<String, Long> counts = new TreeMap<>();
        OUTCOMES.forEach(outcome -> counts.put(outcome, 0L));
        return counts;
    }

    public UUID id() {
        return broadcast.id();
    }

    public Instant firstSentAt() {
        return firstSent.values().stream().min(Instant::compareTo).orElse(null);
    }

    /** Update stored → first message sent; {@code null} when nothing was sent yet. */
    public Long timeToFirstMessageMs() {
        return since(firstSentAt());
    }

    /** Update stored → last message sent so far; {@code null} when nothing was sent yet. */
    public Long timeToLastMessageMs() {
        return since(lastSent);
    }

    private Long since(Instant at) {
        Instant stored = broadcast.updateStoredAt();
        return at == null || stored == null ? null : Math.max(0, Duration.between(stored, at).toMillis());
    }
}
