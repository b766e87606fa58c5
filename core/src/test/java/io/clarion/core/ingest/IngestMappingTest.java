package io.clarion.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestMappingTest {
    private static final String GROUP = "{}:{alertname=\"HighErrorRate\", service=\"api\"}";
    private static final List<AlertmanagerMapping.Alert> FIRING = List.of(
            new AlertmanagerMapping.Alert("5f2a9c1e7b3d4a60", "2026-11-30T10:00:00.000Z", "0001-01-01T00:00:00Z"),
            new AlertmanagerMapping.Alert("9d0b44e18a2c7f13", "2026-11-30T10:00:30.000Z", "0001-01-01T00:00:00Z"));

    private static AlertmanagerMapping.Payload payload(String status, Map<String, String> labels,
                                                       Map<String, String> annotations, List<AlertmanagerMapping.Alert> alerts) {
        return new AlertmanagerMapping.Payload("4", GROUP, status, labels, annotations, alerts);
    }

    @Test
    void anAlertmanagerGroupIsOneIncidentWithSeverityServiceAndTitleFromItsCommonLabels() {
        var signal = AlertmanagerMapping.map(payload("firing", Map.of("severity", "critical", "service", "api",
                "alertname", "HighErrorRate"), Map.of("summary", "API error rate above 5%"), FIRING), new ArrayList<>())
                .orElseThrow();
        assertThat(signal.incidentId()).startsWith("am-").hasSize(3 + 32).isEqualTo(AlertmanagerMapping.incidentId(GROUP));
        assertThat(signal.severity()).isEqualTo("SEV1");
        assertThat(signal.services()).containsExactly("api");
        assertThat(signal.title()).isEqualTo("API error rate above 5%");
        assertThat(signal.status()).isEqualTo("investigating");

        var resolved = AlertmanagerMapping.map(payload("resolved", Map.of("alertname", "HighErrorRate"), Map.of(),
                FIRING), new ArrayList<>()).orElseThrow();
        assertThat(resolved.incidentId()).isEqualTo(signal.incidentId());
        assertThat(resolved.status()).isEqualTo("resolved");
        assertThat(resolved.title()).as("no summary: the alert name").isEqualTo("HighErrorRate");
        assertThat(resolved.severity()).isEqualTo("SEV4");
        assertThat(resolved.dedupeKey()).isNotEqualTo(signal.dedupeKey());
    }

    @Test
    void severitiesMapAsDocumented() {
        assertThat(List.of("critical", "error", "major", "warning", "info").stream().map(AlertmanagerMapping::severity))
                .containsExactly("SEV1", "SEV2", "SEV2", "SEV3", "SEV4");
        assertThat(AlertmanagerMapping.severity(null)).isEqualTo("SEV4");
    }

    @Test
    void theSamePayloadHasTheSameDedupeKeyWhateverTheAlertOrderAndAChangedAlertAnother() {
        var labels = Map.of("severity", "warning");
        String first = AlertmanagerMapping.map(payload("firing", labels, Map.of(), FIRING), new ArrayList<>())
                .orElseThrow().dedupeKey();
        String reordered = AlertmanagerMapping.map(payload("firing", labels, Map.of(), List.of(FIRING.get(1),
                FIRING.get(0))), new ArrayList<>()).orElseThrow().dedupeKey();
        String oneMore = AlertmanagerMapping.map(payload("firing", labels, Map.of(), List.of(FIRING.get(0))),
                new ArrayList<>()).orElseThrow().dedupeKey();
        assertThat(reordered).isEqualTo(first);
        assertThat(oneMore).isNotEqualTo(first);
    }

    @Test
    void anUnsupportedVersionOrStatusIsRefusedWithReasons() {
        List<String> problems = new ArrayList<>();
        assertThat(AlertmanagerMapping.map(new AlertmanagerMapping.Payload("3", "", "pending", null, null, null),
                problems)).isEmpty();
        assertThat(problems).hasSize(3);
    }

    @Test
    void pagerDutyEventsMapTheirTypeAndPriority() {
        var triggered = PagerDutyMapping.map(new PagerDutyMapping.Event("E1", "incident.triggered", "PGR0VU2",
                "Payments API returning 502", 2, "P1")).orElseThrow();
        assertThat(triggered.incidentId()).isEqualTo("pd-PGR0VU2");
        assertThat(triggered.severity()).isEqualTo("SEV1");
        assertThat(triggered.status()).isEqualTo("investigating");
        assertThat(triggered.dedupeKey()).isEqualTo("E1");
        assertThat(PagerDutyMapping.map(new PagerDutyMapping.Event("E2", "incident.acknowledged", "P", "t", null, "P4"))
                .orElseThrow()).extracting(IncidentSignal::status, IncidentSignal::severity)
                .containsExactly("identified", "SEV4");
        assertThat(PagerDutyMapping.map(new PagerDutyMapping.Event("E3", "incident.resolved", "P", "t", null, null))
                .orElseThrow()).extracting(IncidentSignal::status, IncidentSignal::severity)
                .containsExactly("resolved", "SEV3");
        assertThat(PagerDutyMapping.map(new PagerDutyMapping.Event("E4", "incident.priority_updated", "P", "t", null,
                "P2"))).isEmpty();
    }

    @Test
    void aPagerDutySignatureIsValidWhenAnyV1ValueMatchesTheBody() {
        byte[] body = "{\"event\":{}}".getBytes(StandardCharsets.UTF_8);
        String current = PagerDutySignature.sign("new-secret-0123456789", body);
        String old = PagerDutySignature.sign("old-secret-0123456789", body);
        assertThat(PagerDutySignature.verify("new-secret-0123456789", body, current)).isTrue();
        assertThat(PagerDutySignature.verify("new-secret-0123456789", body, old + ", " + current)).as("rotation").isTrue();
        assertThat(PagerDutySignature.verify("new-secret-0123456789", body, old)).isFalse();
        assertThat(PagerDutySignature.verify("new-secret-0123456789", body, null)).isFalse();
        assertThat(PagerDutySignature.verify("new-secret-0123456789", body, "v1=zz,v0=" + current.substring(3))).isFalse();
        assertThat(PagerDutySignature.verify("new-secret-0123456789", "{\"event\":{ }}".getBytes(StandardCharsets.UTF_8),
                current)).as("another body").isFalse();
        assertThat(PagerDutySignature.verify(null, body, current)).as("no secret set").isFalse();
    }
}
