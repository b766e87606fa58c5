package io.clarion.dispatcher.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.dispatcher.channel.ChannelSender;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

class EmailChannelWiringTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(EmailChannel.class);

    @Test
    void withoutAFromAddressThereIsNoEmailSender() {
        context.run(app -> {
            assertThat(app).hasNotFailed().doesNotHaveBean(ChannelSender.class);
            assertThat(app.getBean(EmailProperties.class).bulkSize()).isEqualTo(50);
        });
    }

    @Test
    void aFromAddressTurnsTheChannelOnWithItsSettingsBound() {
        context.withPropertyValues("clarion.channels.email.from=status@example.com",
                        "clarion.channels.email.region=eu-west-1",
                        "clarion.channels.email.endpoint=http://127.0.0.1:8090",
                        "clarion.channels.email.access-key-id=AKIDLOCAL",
                        "clarion.channels.email.secret-access-key=local-secret",
                        "clarion.channels.email.bulk-size=25", "clarion.channels.email.bulk-window=40ms")
                .run(app -> {
                    assertThat(app).hasNotFailed().hasSingleBean(EmailSender.class);
                    EmailProperties properties = app.getBean(EmailProperties.class);
                    assertThat(properties.bulkSize()).isEqualTo(25);
                    assertThat(properties.bulkWindow()).isEqualTo(Duration.ofMillis(40));
                    assertThat(properties.endpoint()).hasToString("http://127.0.0.1:8090");
                    assertThat(app.getBean(EmailSender.class).account(null)).isEqualTo("ses:eu-west-1");
                });
    }

    @Test
    void aBulkSizeAboveTheSesLimitIsRefusedAtStartup() {
        context.withPropertyValues("clarion.channels.email.from=status@example.com",
                        "clarion.channels.email.bulk-size=51")
                .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("clarion.channels.email.bulk-size: 51 (expected: 1...50)"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({EmailProperties.class, SubscriberLinkProperties.class})
    @Import(EmailSender.class)
    static class EmailChannel {
        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }
}
