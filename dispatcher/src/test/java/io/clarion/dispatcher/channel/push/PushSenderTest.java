package io.clarion.dispatcher.channel.push;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.DeliveryOutcome.Suppressed;
import io.clarion.core.delivery.DeliveryOutcome.Undeliverable;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import io.clarion.core.delivery.UpdateContent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** Combining devices' outcomes, parsing the contact point, and fitting the payload: no network. */
class PushSenderTest {
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> sentTo = new CopyOnWriteArrayList<>();

    @Test
    void anyAcceptedDeviceMakesTheDeliverySent() {
        assertThat(DeviceOutcomes.combine(List.of(new Undeliverable("fcm:UNREGISTERED"),
                RetryLater.backoff("apns:ServiceUnavailable"), new Sent()))).isEqualTo(new Sent());
    }

    @Test
    void aTransientFailureWinsOverPermanentOnesAndWaitsTheLongestAskedFor() {
        assertThat(DeviceOutcomes.combine(List.of(new Undeliverable("fcm:UNREGISTERED"),
                new RetryLater(Duration.ofSeconds(30), "fcm:QUOTA_EXCEEDED"), RetryLater.backoff("apns:503"))))
                .isEqualTo(new RetryLater(Duration.ofSeconds(30), "fcm:QUOTA_EXCEEDED"));
    }

    @Test
    void onlyEveryTokenBeingUnusableMakesTheContactPointUndeliverable() {
        assertThat(DeviceOutcomes.combine(List.of(new Undeliverable("fcm:UNREGISTERED"),
                new Undeliverable("apns:Unregistered")))).isEqualTo(new Undeliverable("fcm:UNREGISTERED,apns:Unregistered"));
        assertThat(DeviceOutcomes.combine(List.of(new Undeliverable("fcm:UNREGISTERED"), new Failed("apns:PayloadEmpty"))))
                .isEqualTo(new Failed("apns:PayloadEmpty"));
        assertThat(DeviceOutcomes.combine(List.of(new Failed("fcm:INVALID_ARGUMENT"), new Unrecognized("apns:Forbidden"))))
                .isEqualTo(new Unrecognized("apns:Forbidden"));
        assertThat(DeviceOutcomes.combine(List.of(new Undeliverable("apns:BadDeviceToken"),
                new Suppressed(PushSender.PLATFORM_NOT_CONFIGURED))))
                .isEqualTo(new Suppressed(PushSender.PLATFORM_NOT_CONFIGURED));
    }

    @Test
    void aDeviceOnAnUnconfiguredPlatformIsSuppressedAndTheOthersAreSent() {
        PushSender sender = new PushSender(json, 10, Map.of(PushSender.FCM, provider("fcm:p", new Sent())));

        sender.send(job("[{\"platform\":\"apns\",\"token\":\"a1\"}]")).as(StepVerifier::create)
                .expectNext(new Suppressed(PushSender.PLATFORM_NOT_CONFIGURED)).verifyComplete();
        sender.send(job("[{\"platform\":\"apns\",\"token\":\"a1\"},{\"platform\":\"fcm\",\"token\":\"f1\"}]"))
                .as(StepVerifier::create).expectNext(new Sent()).verifyComplete();
        assertThat(sentTo).containsExactly("f1");
    }

    @Test
    void devicesAreDedupedAndBoundedByMaxDevices() {
        PushSender sender = new PushSender(json, 2, Map.of(PushSender.FCM, provider("fcm:p", new Sent())));

        sender.send(job("[{\"platform\":\"fcm\",\"token\":\"f1\"},{\"platform\":\"fcm\",\"token\":\"f1\"},"
                + "{\"platform\":\"fcm\",\"token\":\"f2\"},{\"platform\":\"fcm\",\"token\":\"f3\"}]"))
                .as(StepVerifier::create).expectNext(new Sent()).verifyComplete();
        assertThat(sentTo).containsExactlyInAnyOrder("f1", "f2");
    }

    @Test
    void aContactPointThatIsNotADeviceListIsUndeliverableAndAnEmptyOneSuppressed() {
        PushSender sender = new PushSender(json, 10, Map.of(PushSender.FCM, provider("fcm:p", new Sent())));

        sender.send(job("tok-1")).as(StepVerifier::create)
                .expectNext(new Undeliverable("push:invalid-destination")).verifyComplete();
        sender.send(job("[{\"platform\":\"web\",\"token\":\"w1\"}]")).as(StepVerifier::create)
                .expectNext(new Undeliverable("push:invalid-device")).verifyComplete();
        sender.send(job("[]")).as(StepVerifier::create)
                .expectNext(new Suppressed("no-contact-point")).verifyComplete();
    }

    @Test
    void theAccountIsTheProvidersWhenAllDevicesUseOneElsePush() {
        PushSender sender = new PushSender(json, 10, Map.of(PushSender.FCM, provider("fcm:p", new Sent()),
                PushSender.APNS, provider("apns:TEAM", new Sent())));

        assertThat(sender.account(job("[{\"platform\":\"fcm\",\"token\":\"f1\"},{\"platform\":\"fcm\",\"token\":\"f2\"}]")))
                .isEqualTo("fcm:p");
        assertThat(sender.account(job("[{\"platform\":\"apns\",\"token\":\"a1\"}]"))).isEqualTo("apns:TEAM");
        assertThat(sender.account(job("[{\"platform\":\"apns\",\"token\":\"a1\"},{\"platform\":\"fcm\",\"token\":\"f1\"}]")))
                .isEqualTo("push");
    }

    @Test
    void aLongBodyIsCutOnACharacterBoundarySoThePayloadFits() {
        Notification notification = new Notification("[SEV1] Outage", "é".repeat(5000));

        byte[] payload = notification.fit(Notification.MAX_PAYLOAD_BYTES,
                n -> json.writeValueAsBytes(Map.of("title", n.title(), "body", n.body(), "version", 3)));

        String text = new String(payload, UTF_8);
        assertThat(payload.length).isLessThanOrEqualTo(Notification.MAX_PAYLOAD_BYTES).isGreaterThan(3900);
        assertThat(text).contains("\"version\":3").contains("[SEV1] Outage").contains("é…\"").doesNotContain("\uFFFD");
    }

    @Test
    void aShortBodyIsLeftAlone() {
        Notification notification = Notification.of(new DeliveryJob("b-1", "INC-9", 3, "r-1", Channel.PUSH,
                new UpdateContent("SEV2", "identified", "Slow API", "Fixed soon."), "[]", null, "acme"));

        assertThat(notification).isEqualTo(new Notification("[SEV2] Slow API", "Fixed soon."));
        assertThat(notification.fit(4096, n -> n.body().getBytes(UTF_8))).asString(UTF_8).isEqualTo("Fixed soon.");
    }

    private PushProvider provider(String account, DeliveryOutcome outcome) {
        return new PushProvider() {
            @Override
            public String account() {
                return account;
            }

            @Override
            public Mono<DeliveryOutcome> send(DeliveryJob job, String deviceToken) {
                return Mono.fromSupplier(() -> {
                    sentTo.add(deviceToken);
                    return outcome;
                });
            }
        };
    }

    private static DeliveryJob job(String devices) {
        return new DeliveryJob("b-1", "INC-9", 3, "r-1", Channel.PUSH,
                new UpdateContent("SEV1", "identified", "API errors", "Elevated 5xx."), devices, null, "acme");
    }
}
