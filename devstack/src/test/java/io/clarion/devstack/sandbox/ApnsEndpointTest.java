package io.clarion.devstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

class ApnsEndpointTest {

    private static ProviderSandbox sandbox;
    private static String providerToken;

    @BeforeAll
    static void start() throws Exception {
        sandbox = ProviderSandbox.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey key = generator.generateKeyPair().getPrivate();
        providerToken = ProviderReply.jwt(Map.of("alg", "ES256", "kid", "ABC123DEFG"),
                Map.of("iss", "TEAM123456", "iat", System.currentTimeMillis() / 1000), key, "SHA256withECDSAinP1363Format");
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @BeforeEach
    void reset() {
        sandbox.clear();
        sandbox.faults().clear();
    }

    @Test
    void aNotificationIsAcceptedOverH2cAndRecordedFromItsPayload() {
        String apnsId = UUID.nameUUIDFromBytes("msg_r-17".getBytes(StandardCharsets.UTF_8)).toString();

        ProviderReply reply = push(providerToken, "tok-1", apnsId, "r-17");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.version()).isEqualTo(HttpVersion.valueOf("HTTP/2.0"));
        assertThat(reply.headers().get("apns-id")).isEqualTo(apnsId);
        assertThat(sandbox.messages("push")).singleElement().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo("r-17");
            assertThat(message.incidentId()).isEqualTo("INC-42");
            assertThat(message.version()).isEqualTo(3L);
            assertThat(message.messageId()).isEqualTo("msg_r-17");
            assertThat(message.path()).isEqualTo("/3/device/tok-1");
            assertThat(message.headers()).containsEntry("apns-id", apnsId).containsEntry("apns-topic", "com.example.app")
                    .containsEntry("apns-push-type", "alert");
        });
    }

    @Test
    void aProviderTokenThatIsNotEs256WithKidIsRefused() throws Exception {
        String unsigned = ProviderReply.JSON.writeValueAsString(Map.of("alg", "HS256"));
        String badToken = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned.getBytes())
                + ".e30.c2ln";

        assertThat(push(badToken, "tok-1", UUID.randomUUID().toString(), "r-1").json().path("reason").stringValue())
                .isEqualTo("InvalidProviderToken");
        assertThat(push(badToken, "tok-1", UUID.randomUUID().toString(), "r-1").status()).isEqualTo(403);
        assertThat(sandbox.messages()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"BadDeviceToken, 400", "Unregistered, 410", "TooManyRequests, 429", "ServiceUnavailable, 503",
            "ExpiredProviderToken, 403", "InvalidProviderToken, 403"})
    void anInjectedReasonIsAnsweredWithItsStatus(String reason, int status) {
        sandbox.faults().set("push", Fault.failing(reason).onlyFor("tok-bad"));

        ProviderReply reply = push(providerToken, "tok-bad", UUID.randomUUID().toString(), "r-1");

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.json().path("reason").stringValue()).isEqualTo(reason);
        assertThat(reply.json().has("timestamp")).isEqualTo(status == 410);
        assertThat(push(providerToken, "tok-good", UUID.randomUUID().toString(), "r-2").status()).isEqualTo(200);
        assertThat(sandbox.messages("push")).extracting(SandboxMessage::recipient).containsExactly("r-2");
    }

    @Test
    void anOutageAndTheRateCapAreAnsweredAsApnsWould() {
        sandbox.faults().set("push", Fault.outage());
        assertThat(push(providerToken, "tok-1", UUID.randomUUID().toString(), "r-1").json().path("reason").stringValue())
                .isEqualTo("ServiceUnavailable");

        sandbox.faults().set("push", Fault.rateCapped(1));
        int throttled = 0;
        for (int i = 0; i < 3; i++) {
            ProviderReply reply = push(providerToken, "tok-" + i, UUID.randomUUID().toString(), "r-" + i);
            throttled += reply.status() == 429 && "TooManyRequests".equals(reply.json().path("reason").stringValue()) ? 1 : 0;
        }
        assertThat(throttled).isBetween(1, 2);
    }

    private static ProviderReply push(String bearer, String token, String apnsId, String recipient) {
        String payload = "{\"aps\":{\"alert\":{\"title\":\"API down\",\"body\":\"b\"}},\"recipientId\":\"" + recipient
                + "\",\"incidentId\":\"INC-42\",\"version\":3,\"messageId\":\"msg_" + recipient + "\"}";
        HttpClient client = HttpClient.create().protocol(HttpProtocol.H2C).headers(h -> h
                .set("authorization", "bearer " + bearer).set("apns-topic", "com.example.app")
                .set("apns-push-type", "alert").set("apns-priority", "10").set("apns-id", apnsId));
        return ProviderReply.post(client, sandbox.baseUrl() + "/3/device/" + token, payload);
    }
}
