package io.clarion.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateContentTest {
    private final UpdateContent content = new UpdateContent("SEV1", "investigating", "Checkout down",
            "Payments fail since 10:02", "incident", Map.of("eta", "11:00"), Map.of("en", 3));

    @Test
    void theSameTextsKeepTheOneInstanceEveryDeliveryOfTheUpdateShares() {
        assertThat(content.withTexts(new String("Checkout down"), "Payments fail since 10:02")).isSameAs(content);
    }

    @Test
    void otherTextsMakeAnUpdateThatSaysThemAndKeepsTheRest() {
        UpdateContent redacted = content.withTexts("Checkout down", "Payments fail on [host]");

        assertThat(redacted).isNotSameAs(content)
                .isEqualTo(new UpdateContent("SEV1", "investigating", "Checkout down", "Payments fail on [host]",
                        "incident", Map.of("eta", "11:00"), Map.of("en", 3)));
    }
}
