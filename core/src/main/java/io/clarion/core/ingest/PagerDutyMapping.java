package io.clarion.core.ingest;

import java.util.List;
import java.util.Optional;

/**
 * Maps a PagerDuty V3 webhook event to an incident signal: incident {@code pd-<PagerDuty incident id>},
 * {@code incident.triggered} is {@code investigating}, {@code incident.acknowledged} {@code identified},
 * {@code incident.resolved} {@code resolved}; priority {@code P1}..{@code P5} is {@code SEV1}..{@code SEV5}
 * (no priority: SEV3). Other event types map to nothing (they are acknowledged and ignored). The dedupe key
 * is the event id, which PagerDuty keeps across retries.
 */
public final class PagerDutyMapping {
    private PagerDutyMapping() {
    }

    /** The parts of an event the mapping reads. */
    public record Event(String id, String eventType, String incidentId, String title, Integer number, String priority) {
    }

    public static Optional<IncidentSignal> map(Event event) {
        String status = switch (String.valueOf(event.eventType())) {
            case "incident.triggered" -> "investigating";
            case "incident.acknowledged" -> "identified";
            case "incident.resolved" -> "resolved";
            default -> null;
        };
        if (status == null || event.id() == null || event.incidentId() == null) {
            return Optional.empty();
        }
        String title = event.title() == null || event.title().isBlank() ? "PagerDuty incident " + event.incidentId()
                : event.title();
        String body = "PagerDuty incident" + (event.number() == null ? "" : " #" + event.number()) + " "
                + event.eventType().substring("incident.".length()) + ": " + title;
        return Optional.of(new IncidentSignal("pd-" + event.incidentId().replaceAll("[^A-Za-z0-9._-]", "_"), title,
                severity(event.priority()), List.of("pagerduty"), List.of(), status, body, event.id()));
    }

    public static String severity(String priority) {
        if (priority != null && priority.matches("P[1-5]")) {
            return "SEV" + priority.charAt(1);
        }
        return "SEV3";
    }
}
