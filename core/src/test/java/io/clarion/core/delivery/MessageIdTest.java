package io.clarion.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import org.junit.jupiter.api.Test;

class MessageIdTest {

    @Test
    void isStableForTheSameDelivery() {
        assertThat(MessageId.of("r-1", Channel.WEBHOOK, "INC-1", 3))
                .isEqualTo(MessageId.of("r-1", Channel.WEBHOOK, "INC-1", 3))
                .startsWith("msg_")
                .hasSize(36);
    }

    @Test
    void differsWhenAnyPartOfTheDeliveryDiffers() {
        String id = MessageId.of("r-1", Channel.WEBHOOK, "INC-1", 3);
        assertThat(id).isNotEqualTo(MessageId.of("r-2", Channel.WEBHOOK, "INC-1", 3))
                .isNotEqualTo(MessageId.of("r-1", Channel.EMAIL, "INC-1", 3))
                .isNotEqualTo(MessageId.of("r-1", Channel.WEBHOOK, "INC-2", 3))
                .isNotEqualTo(MessageId.of("r-1", Channel.WEBHOOK, "INC-1", 4));
    }

    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertThat(MessageId.of("r-1", Channel.WEBHOOK, "INC-11", 3))
                .isNotEqualTo(MessageId.of("r-1", Channel.WEBHOOK, "INC-1", 13));
    }
}
