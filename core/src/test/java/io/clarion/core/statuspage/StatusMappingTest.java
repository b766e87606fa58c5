package io.clarion.core.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.incident.Severity;
import org.junit.jupiter.api.Test;

class StatusMappingTest {

    @Test
    void severitiesMapToStatuspageImpacts() {
        assertThat(Impact.of(Severity.SEV1)).isEqualTo(Impact.CRITICAL);
        assertThat(Impact.of(Severity.SEV2)).isEqualTo(Impact.MAJOR);
        assertThat(Impact.of(Severity.SEV3)).isEqualTo(Impact.MINOR);
        assertThat(Impact.of(Severity.SEV4)).isEqualTo(Impact.NONE);
        assertThat(Impact.of(Severity.SEV5)).isEqualTo(Impact.NONE);
        assertThat(Impact.CRITICAL.wireName()).isEqualTo("critical");
    }

    @Test
    void theWorstUnresolvedIncidentDecidesAComponentsStatus() {
        assertThat(ComponentStatus.derivedFrom(Severity.SEV1)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(ComponentStatus.derivedFrom(Severity.SEV2)).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(ComponentStatus.derivedFrom(Severity.SEV3)).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        assertThat(ComponentStatus.derivedFrom(Severity.SEV4)).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(ComponentStatus.derivedFrom(null)).isEqualTo(ComponentStatus.OPERATIONAL);
    }

    @Test
    void worseKeepsTheGreaterAndWireNamesRoundTrip() {
        assertThat(ComponentStatus.OPERATIONAL.worse(ComponentStatus.PARTIAL_OUTAGE)).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(Impact.MAJOR.worse(Impact.MINOR)).isEqualTo(Impact.MAJOR);
        for (ComponentStatus status : ComponentStatus.values()) {
            assertThat(ComponentStatus.parse(status.wireName())).contains(status);
        }
        assertThat(ComponentStatus.parse("MAJOR_OUTAGE")).isEmpty();
        assertThat(ComponentStatus.MAJOR_OUTAGE.impact()).isEqualTo(Impact.CRITICAL);
    }
}
