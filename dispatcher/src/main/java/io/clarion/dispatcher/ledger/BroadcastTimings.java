package io.clarion.dispatcher.ledger;

import io.clarion.core.incident.Severity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long broadcasts take from acceptance by the gateway, per severity: {@code clarion.broadcast.first.sent{severity}}
 * until their first message was accepted by a provider, and {@code clarion.broadcast.completed{severity}} until
 * every targeted delivery had its final outcome (histograms with bounds fit for a time-to-first-message SLO).
 * Measured by the database's clock on both ends, so dispatcher and gateway clocks need not agree.
 */
final class BroadcastTimings {
    private static final Duration[] BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
            Duration.ofSeconds(300), Duration.ofSeconds(600), Duration.ofSeconds(1800), Duration.ofSeconds(3600)};

    private final Map<Severity, Timer> firstSent = new EnumMap<>(Severity.class);
    private final Map<Severity, Timer> completed = new EnumMap<>(Severity.class);

    BroadcastTimings(MeterRegistry registry) {
        for (Severity severity : Severity.values()) {
            firstSent.put(severity, timer(registry, "clarion.broadcast.first.sent", severity,
                    "Time from a broadcast's acceptance to its first message sent"));
            completed.put(severity, timer(registry, "clarion.broadcast.completed", severity,
                    "Time from a broadcast's acceptance to the final outcome of its last delivery"));
        }
    }

    /** A broadcast whose counters a ledger batch just advanced: {@code age} since it was accepted. */
    void advanced(String severity, Duration age, boolean firstSentNow, boolean completedNow) {
        Severity known = Arrays.stream(Severity.values()).filter(s -> s.name().equals(severity)).findFirst().orElse(null);
        if (known == null) {
            return;
        }
        if (firstSentNow) {
            firstSent.get(known).record(age);
        }
        if (completedNow) {
            completed.get(known).record(age);
        }
    }

    private static Timer timer(MeterRegistry registry, String name, Severity severity, String description) {
        return Timer.builder(name).tag("severity", severity.name()).serviceLevelObjectives(BUCKETS)
                .description(description).register(registry);
    }
}
