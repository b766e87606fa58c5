package io.clarion.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryOutcomeTest {

    @Test
    void aSettledCounterReplaysAsItsOutcome() {
        assertThat(DeliveryOutcome.ofCounter("sent", null)).isEqualTo(new DeliveryOutcome.Sent());
        assertThat(DeliveryOutcome.ofCounter("superseded", null)).isEqualTo(new DeliveryOutcome.Superseded());
        assertThat(DeliveryOutcome.ofCounter("suppressed", "no-contact-point"))
                .isEqualTo(new DeliveryOutcome.Suppressed("no-contact-point"));
        assertThat(DeliveryOutcome.ofCounter("failed", "webhook:410")).isEqualTo(new DeliveryOutcome.Failed("webhook:410"));
        assertThat(DeliveryOutcome.ofCounter("failed", null)).isEqualTo(new DeliveryOutcome.Failed("failed"));
    }
}
