package io.clarion.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelDescriptorTest {

    @Test
    void anEmptyDeviceListIsNoContactPoint() {
        assertThat(Channel.PUSH.descriptor().destination("[]")).isNull();
        assertThat(Channel.PUSH.descriptor().destination("[{\"token\":\"t\"}]")).isEqualTo("[{\"token\":\"t\"}]");
        assertThat(Channel.EMAIL.descriptor().destination(null)).isNull();
        assertThat(Channel.EMAIL.descriptor().destination("a@example.com")).isEqualTo("a@example.com");
    }

    @Test
    void onlyWebhooksAreSignedAndFollowTheFixedSchedule() {
        for (Channel channel : Channel.values()) {
            boolean webhook = channel == Channel.WEBHOOK;
            assertThat(channel.descriptor().secretColumn() != null).as(channel.wireName()).isEqualTo(webhook);
            assertThat(channel.descriptor().retry()).as(channel.wireName()).isEqualTo(
                    webhook ? ChannelDescriptor.RetryStyle.FIXED : ChannelDescriptor.RetryStyle.EXPONENTIAL);
        }
    }
}
