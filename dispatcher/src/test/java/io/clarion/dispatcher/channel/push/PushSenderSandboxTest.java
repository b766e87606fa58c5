package io.clarion.dispatcher.channel.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.devstack.sandbox.Fault;
import io.clarion.devstack.sandbox.ProviderSandbox;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** The push sender against the provider sandbox: FCM's OAuth2 flow and HTTP v1, APNs over h2c. */
class PushSenderSandboxTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ProviderSandbox sandbox;
    private static PushSender sender;

    @BeforeAll
    static void start() {
        sandbox = ProviderSandbox.start();
        var fcm = new PushProperties.Fcm("clarion-test", "sender@clarion-test.iam.gserviceaccount.com", "key-1",
                TestKeys.pem(TestKeys.rsa()), sandbox.fcmTokenUri(), sandbox.providerEndpoint());
        var apns = new PushProperties.Apns("TEAM123456", "KEY1234567", TestKeys.pem(TestKeys.ec()), "io.clarion.app",
                sandbox.providerEndpoint());
        sender = new PushSender(JSON, new PushProperties(fcm, apns, Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                10, Duration.ofHours(1)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        sandbox.clear();
        sandbox.faults().clear();
    }

    @Test
    void anFcmSendReachesTheInboxWithClarionsMetadata() {
        DeliveryJob job = job("[{\"platform\":\"fcm\",\"token\":\"tok-fcm-1\"}]");

        sender.send(job).as(StepVerifier::create).expectNext(new DeliveryOutcome.Sent()).verifyComplete();

        assertThat(sandbox.messages("push")).singleElement().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo("r-1");
            assertThat(message.incidentId()).isEqualTo("INC-9");
            assertThat(message.version()).isEqualTo(3L);
            assertThat(message.messageId()).isEqualTo(job.messageId());
            assertThat(message.path()).isEqualTo("/v1/projects/clarion-test/messages:send");
            assertThat(message.body()).contains("[SEV1] API errors").contains("tok-fcm-1");
        });
    }

    @Test
    void anApnsSendReachesTheInboxOverH2cWithItsHeaders() {
        DeliveryJob job = job("[{\"platform\":\"apns\",\"token\":\"a1b2c3\"}]");

        sender.send(job).as(StepVerifier::create).expectNext(new DeliveryOutcome.Sent()).verifyComplete();

        assertThat(sandbox.messages("push")).singleElement().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo("r-1");
            assertThat(message.incidentId()).isEqualTo("INC-9");
            assertThat(message.version()).isEqualTo(3L);
            assertThat(message.messageId()).isEqualTo(job.messageId());
            assertThat(message.path()).isEqualTo("/3/device/a1b2c3");
            assertThat(message.headers()).containsEntry("apns-topic", "io.clarion.app")
                    .containsEntry("apns-push-type", "alert").containsEntry("apns-priority", "10")
                    .containsEntry("apns-id", ApnsClient.apnsId(job.messageId()))
                    .containsEntry("apns-collapse-id", "INC-9");
        });
    }

    @Test
    void aRecipientWithBothPlatformsGetsOneNotificationPerDevice() {
        DeliveryJob job = job("[{\"platform\":\"fcm\",\"token\":\"tok-fcm-1\"},{\"platform\":\"apns\",\"token\":\"a1b2c3\"}]");

        sender.send(job).as(StepVerifier::create).expectNext(new DeliveryOutcome.Sent()).verifyComplete();

        assertThat(sandbox.messages("push")).hasSize(2).allSatisfy(message ->
                assertThat(message.messageId()).isEqualTo(job.messageId()));
        assertThat(sender.account(job)).isEqualTo("push");
    }

    @Test
    void anUnregisteredFcmTokenIsUndeliverable() {
        sandbox.faults().set("push", Fault.failing("UNREGISTERED"));

        sender.send(job("[{\"platform\":\"fcm\",\"token\":\"tok-gone\"}]")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Undeliverable("fcm:UNREGISTERED")).verifyComplete();
        assertThat(sandbox.messages("push")).isEmpty();
    }

    @Test
    void aGoneApnsTokenIsUndeliverable() {
        sandbox.faults().set("push", Fault.failing("Unregistered"));

        sender.send(job("[{\"platform\":\"apns\",\"token\":\"dead00\"}]")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Undeliverable("apns:Unregistered")).verifyComplete();
    }

    @Test
    void oneGoneDeviceDoesNotStopTheOthers() {
        sandbox.faults().set("push", Fault.failing("Unregistered").onlyFor("dead00"));
        DeliveryJob job = job("[{\"platform\":\"apns\",\"token\":\"dead00\"},{\"platform\":\"apns\",\"token\":\"a1b2c3\"}]");

        sender.send(job).as(StepVerifier::create).expectNext(new DeliveryOutcome.Sent()).verifyComplete();
        assertThat(sandbox.messages("push")).singleElement().satisfies(message ->
                assertThat(message.path()).isEqualTo("/3/device/a1b2c3"));
    }

    @Test
    void aProviderOutageIsRetriedLater() {
        sandbox.faults().set("push", Fault.outage());

        sender.send(job("[{\"platform\":\"fcm\",\"token\":\"tok-fcm-1\"},{\"platform\":\"apns\",\"token\":\"a1b2c3\"}]"))
                .as(StepVerifier::create)
                .assertNext(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryLater.class))
                .verifyComplete();
    }

    private static DeliveryJob job(String devices) {
        return new DeliveryJob("b-1", "INC-9", 3, "r-1", Channel.PUSH,
                new UpdateContent("SEV1", "identified", "API errors", "Elevated 5xx on the public API."), devices,
                null, "acme");
    }

}
