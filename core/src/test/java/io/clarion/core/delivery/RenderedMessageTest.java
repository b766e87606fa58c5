package io.clarion.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenderedMessageTest {
    private final RenderedMessage message = new RenderedMessage("outage", 2, "de", "Betreff", "Text", null);

    @Test
    void theSamePartsKeepTheOneInstanceEveryDeliveryOfTheRenderingShares() {
        assertThat(message.withTexts(new String("Betreff"), "Text", null)).isSameAs(message);
    }

    @Test
    void otherPartsMakeAMessageThatSaysThemAndKeepsWhereItCameFrom() {
        assertThat(message.withTexts("Betreff", "Text mit [ip]", null))
                .isEqualTo(new RenderedMessage("outage", 2, "de", "Betreff", "Text mit [ip]", null));
    }
}
