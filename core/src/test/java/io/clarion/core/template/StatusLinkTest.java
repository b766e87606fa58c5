package io.clarion.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusLinkTest {

    @Test
    void utmParametersNameTheChannelIncidentAndVersion() {
        assertThat(StatusLink.of("https://status.acme.com", "email", "INC-1", 3)).isEqualTo(
                "https://status.acme.com?utm_source=clarion&utm_medium=email&utm_campaign=INC-1&utm_content=v3");
    }

    @Test
    void existingParametersAndFragmentAreKeptAndOldUtmReplaced() {
        assertThat(StatusLink.of("https://status.acme.com/?lang=de&utm_source=x#incidents", "sms", "INC 7/a", 1))
                .isEqualTo("https://status.acme.com/?lang=de&utm_source=clarion&utm_medium=sms"
                        + "&utm_campaign=INC%207%2Fa&utm_content=v1#incidents");
    }
}
