package io.clarion.dispatcher.channel.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** The push channel exists only with credentials for at least one provider; keys never show in toString. */
class PushSenderConfigurationTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Setup.class);

    @Test
    void withoutAProviderThereIsNoPushSender() {
        context.run(app -> assertThat(app).hasNotFailed().doesNotHaveBean(PushSender.class));
    }

    @Test
    void apnsAloneTurnsThePushChannelOnAndLeavesFcmDevicesSuppressed() {
        context.withPropertyValues("clarion.channels.push.apns.team-id=TEAM123456",
                        "clarion.channels.push.apns.key-id=KEY1234567", "clarion.channels.push.apns.bundle-id=io.c.app",
                        "clarion.channels.push.apns.private-key=" + TestKeys.pem(TestKeys.ec()))
                .run(app -> {
                    assertThat(app).hasNotFailed().hasSingleBean(PushSender.class);
                    PushProperties properties = app.getBean(PushProperties.class);
                    assertThat(properties.fcm().configured()).isFalse();
                    assertThat(properties.apns().baseUrl()).isEqualTo("https://api.push.apple.com");
                    assertThat(properties.fcm().tokenUri()).isEqualTo("https://oauth2.googleapis.com/token");
                    assertThat(properties.toString()).doesNotContain("BEGIN PRIVATE KEY").contains("privateKey=***");
                });
    }

    @Test
    void fcmAloneTurnsThePushChannelOn() {
        context.withPropertyValues("clarion.channels.push.fcm.project-id=p",
                        "clarion.channels.push.fcm.client-email=sa@p.iam.gserviceaccount.com",
                        "clarion.channels.push.fcm.private-key=" + TestKeys.pem(TestKeys.rsa()))
                .run(app -> assertThat(app).hasNotFailed().hasSingleBean(PushSender.class));
    }

    @Configuration
    @EnableConfigurationProperties(PushProperties.class)
    @Import(PushSender.class)
    static class Setup {
        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }
}
