package io.clarion.dispatcher.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.dispatcher.channel.ChannelSender;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class SmsChannelConfigurationTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SmsChannel.class);

    @Configuration
    @EnableConfigurationProperties(SmsProperties.class)
    @Import(SmsSender.class)
    static class SmsChannel {
    }

    @Test
    void theChannelIsOffWithoutAnAccountSid() {
        context.run(app -> assertThat(app).hasNotFailed().doesNotHaveBean(ChannelSender.class));
    }

    @Test
    void theChannelIsOnWithAnAccountAndUsesTheDefaults() {
        context.withPropertyValues("clarion.channels.sms.account-sid=AC1", "clarion.channels.sms.auth-token=tok",
                "clarion.channels.sms.messaging-service-sid=MG1").run(app -> {
                    assertThat(app).hasSingleBean(ChannelSender.class);
                    SmsProperties properties = app.getBean(SmsProperties.class);
                    assertThat(properties.baseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
                    assertThat(properties.threads()).isEqualTo(32);
                    assertThat(properties.queue()).isEqualTo(1000);
                    assertThat(properties.maxSegments()).isEqualTo(4);
                    assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(properties.usesMessagingService()).isTrue();
                    ChannelSender sender = app.getBean(ChannelSender.class);
                    assertThat(sender.channel()).isEqualTo(Channel.SMS);
                    assertThat(sender.account(new DeliveryJob("b", "I", 1, "r", Channel.SMS,
                            new UpdateContent("SEV1", "s", "t", "b"), "+15550100001", null, null)))
                            .isEqualTo("twilio:AC1");
                });
    }

    @Test
    void anAccountWithoutTokenOrSenderIsRefusedAtStartup() {
        context.withPropertyValues("clarion.channels.sms.account-sid=AC1", "clarion.channels.sms.from=+15550009999")
                .run(app -> assertThat(app).hasFailed());
        assertThatThrownBy(() -> new SmsProperties("AC1", "tok", null, null, URI.create("https://api.twilio.com"),
                32, 1000, 4, null, Duration.ofSeconds(2), Duration.ofSeconds(10)))
                .hasMessageContaining("clarion.channels.sms.from");
        assertThatThrownBy(() -> new SmsProperties(null, null, null, null, URI.create("https://api.twilio.com"),
                0, 1000, 4, null, Duration.ofSeconds(2), Duration.ofSeconds(10)))
                .hasMessage("clarion.channels.sms.threads: 0 (expected: > 0)");
    }

    @Test
    void theAuthTokenIsNeverPrinted() {
        SmsProperties properties = new SmsProperties("AC1", "super-secret", "+15550009999", null,
                URI.create("https://api.twilio.com"), 32, 1000, 4, null, Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(properties.toString()).doesNotContain("super-secret").contains("authToken=****");
    }
}
