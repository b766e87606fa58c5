package io.clarion.core.ingest;

import java.util.List;

/**
 * What an alerting tool's event means for Clarion: put incident {@code incidentId} (title, severity, tags,
 * services) and post an update with {@code status} and {@code body}. {@code dedupeKey} is the same for the
 * same event delivered twice, so a retry makes no second version.
 */
public record IncidentSignal(String incidentId, String title, String severity, List<String> tags,
                             List<String> services, String status, String body, String dedupeKey) {
    public IncidentSignal {
        tags = List.copyOf(tags);
        services = List.copyOf(services);
    }
}
