package io.clarion.core.ingest;

import static java.util.Objects.requireNonNull;

import io.clarion.core.digest.Sha256;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an Alertmanager webhook (payload version 4) to an incident signal: incident {@code am-<hash of
 * groupKey>} (one incident per alert group, stable across deliveries), severity from
 * {@code commonLabels.severity} ({@code critical} SEV1, {@code error}/{@code major} SEV2, {@code warning} SEV3,
 * anything else SEV4), services from {@code commonLabels.service}, title from
 * {@code commonAnnotations.summary} (else {@code alertname}); {@code firing} is {@code investigating},
 * {@code resolved} is {@code resolved}. The dedupe key hashes the group key, the status and every alert's
 * fingerprint, start and end, in a fixed order: Alertmanager's retry of a notification maps to the same key,
 * while a change in the group (an alert added, resolved, restarted) is a new key.
 */
public final class AlertmanagerMapping {
    public static final String SUPPORTED_VERSION = "4";

    private AlertmanagerMapping() {
    }

    /** The parts of an Alertmanager payload the mapping reads. */
    public record Payload(String version, String groupKey, String status, Map<String, String> commonLabels,
                          Map<String, String> commonAnnotations, List<Alert> alerts) {
    }

    /** One alert of the group. */
    public record Alert(String fingerprint, String startsAt, String endsAt) {
    }

    /** The signal of a payload, or empty with the reason in {@code problems} when it is not one we can map. */
    public static Optional<IncidentSignal> map(Payload payload, List<String> problems) {
        requireNonNull(payload, "payload");
        if (!SUPPORTED_VERSION.equals(payload.version())) {
            problems.add("version: '" + payload.version() + "' (expected: \"4\")");
        }
        if (payload.groupKey() == null || payload.groupKey().isEmpty()) {
            problems.add("groupKey: is required");
        }
        String status = switch (String.valueOf(payload.status())) {
            case "firing" -> "investigating";
            case "resolved" -> "resolved";
            default -> null;
        };
        if (status == null) {
            problems.add("status: '" + payload.status() + "' (expected: firing or resolved)");
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> labels = payload.commonLabels() == null ? Map.of() : payload.commonLabels();
        Map<String, String> annotations = payload.commonAnnotations() == null ? Map.of() : payload.commonAnnotations();
        String title = firstOf(annotations.get("summary"), labels.get("alertname"), "Alertmanager alert group");
        String service = labels.get("service");
        int alerts = payload.alerts() == null ? 0 : payload.alerts().size();
        String body = (status.equals("resolved") ? "Resolved: " : "Firing (" + alerts + " alert" + (alerts == 1 ? "" : "s")
                + "): ") + title;
        return Optional.of(new IncidentSignal(incidentId(payload.groupKey()), title, severity(labels.get("severity")),
                List.of("alertmanager"), service == null || service.isBlank() ? List.of() : List.of(service), status,
                body, dedupeKey(payload)));
    }

    /** {@code am-} and the first 16 bytes of the SHA-256 of the group key, in hex. */
    public static String incidentId(String groupKey) {
        return "am-" + HexFormat.of().formatHex(Sha256.of(groupKey), 0, 16);
    }

    public static String severity(String label) {
        return switch (label == null ? "" : label.toLowerCase(java.util.Locale.ROOT)) {
            case "critical" -> "SEV1";
            case "error", "major" -> "SEV2";
            case "warning" -> "SEV3";
            default -> "SEV4";
        };
    }

    static String dedupeKey(Payload payload) {
        StringBuilder text = new StringBuilder(payload.groupKey()).append('\n').append(payload.status());
        List<Alert> alerts = payload.alerts() == null ? List.of() : payload.alerts();
        alerts.stream()
                .map(a -> a.fingerprint() + "|" + a.startsAt() + "|" + a.endsAt())
                .sorted(Comparator.naturalOrder())
                .forEach(alert -> text.append('\n').append(alert));
        return HexFormat.of().formatHex(Sha256.of(text.toString()));
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no candidate (expected: a non-blank last one)");
    }
}
