package io.clarion.devstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

class FcmEndpointTest {

    private static ProviderSandbox sandbox;
    private static PrivateKey serviceAccountKey;
    private static String accessToken;

    @BeforeAll
    static void start() throws Exception {
        sandbox = ProviderSandbox.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        serviceAccountKey = generator.generateKeyPair().getPrivate();
        ProviderReply token = requestToken(assertion("RS256"));
        assertThat(token.status()).isEqualTo(200);
        accessToken = token.json().path("access_token").stringValue();
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
    void aJwtBearerGrantGetsABearerAccessToken() throws Exception {
        JsonNode token = requestToken(assertion("RS256")).json();

        assertThat(token.path("access_token").stringValue()).isNotBlank().isNotEqualTo(accessToken);
        assertThat(token.path("token_type").stringValue()).isEqualTo("Bearer");
        assertThat(token.path("expires_in").intValue()).isPositive();
    }

    @Test
    void anAssertionThatIsNotRs256IsAnInvalidGrant() throws Exception {
        ProviderReply reply = requestToken(assertion("HS256"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").stringValue()).isEqualTo("invalid_grant");
    }

    @Test
    void aMessageIsSentAndRecordedWithItsData() {
        ProviderReply reply = send(accessToken, "tok-1", "r-17");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("name").stringValue()).startsWith("projects/clarion-test/messages/");
        assertThat(sandbox.messages("push")).singleElement().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo("r-17");
            assertThat(message.incidentId()).isEqualTo("INC-42");
            assertThat(message.version()).isEqualTo(3L);
            assertThat(message.messageId()).isEqualTo("msg_r-17");
            assertThat(message.path()).isEqualTo("/v1/projects/clarion-test/messages:send");
        });
    }

    @Test
    void aBearerTokenTheSandboxDidNotIssueIsUnauthenticated() {
        ProviderReply reply = send("ya29.forged", "tok-1", "r-1");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("error").path("status").stringValue()).isEqualTo("UNAUTHENTICATED");
        assertThat(sandbox.messages()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"UNREGISTERED, 404, NOT_FOUND", "INVALID_ARGUMENT, 400, INVALID_ARGUMENT",
            "QUOTA_EXCEEDED, 429, RESOURCE_EXHAUSTED", "UNAVAILABLE, 503, UNAVAILABLE", "INTERNAL, 500, INTERNAL",
            "SENDER_ID_MISMATCH, 403, PERMISSION_DENIED"})
    void anInjectedErrorIsAnsweredInGooglesFormat(String errorCode, int status, String googleStatus) {
        sandbox.faults().set("push", Fault.failing(errorCode).onlyFor("tok-bad"));

        ProviderReply reply = send(accessToken, "tok-bad", "r-1");

        assertThat(reply.status()).isEqualTo(status);
        JsonNode error = reply.json().path("error");
        assertThat(error.path("code").intValue()).isEqualTo(status);
        assertThat(error.path("status").stringValue()).isEqualTo(googleStatus);
        assertThat(error.path("details").get(0).path("@type").stringValue())
                .isEqualTo("type.googleapis.com/google.firebase.fcm.v1.FcmError");
        assertThat(error.path("details").get(0).path("errorCode").stringValue()).isEqualTo(errorCode);
        assertThat(send(accessToken, "tok-good", "r-2").status()).isEqualTo(200);
        assertThat(sandbox.messages("push")).extracting(SandboxMessage::recipient).containsExactly("r-2");
    }

    @Test
    void requestsAboveTheRateCapGetQuotaExceededWithRetryAfter() {
        sandbox.faults().set("push", Fault.rateCapped(1));

        ProviderReply first = send(accessToken, "tok-1", "r-1");
        ProviderReply second = send(accessToken, "tok-2", "r-2");

        // two requests straddle a second boundary at most once in a while: then both pass
        if (second.status() != 200) {
            assertThat(second.status()).isEqualTo(429);
            assertThat(second.headers().get("retry-after")).isEqualTo("1");
            assertThat(second.json().path("error").path("details").get(0).path("errorCode").stringValue())
                    .isEqualTo("QUOTA_EXCEEDED");
        }
        assertThat(first.status()).isEqualTo(200);
    }

    private static ProviderReply send(String bearer, String token, String recipient) {
        String body = "{\"message\":{\"token\":\"" + token + "\",\"notification\":{\"title\":\"API down\",\"body\":\"b\"},"
                + "\"data\":{\"recipientId\":\"" + recipient + "\",\"incidentId\":\"INC-42\",\"version\":\"3\","
                + "\"messageId\":\"msg_" + recipient + "\"}}}";
        return ProviderReply.post(HttpClient.create().headers(h -> h.set("authorization", "Bearer " + bearer)
                .set("content-type", "application/json")), sandbox.baseUrl() + "/v1/projects/clarion-test/messages:send",
                body);
    }

    private static ProviderReply requestToken(String assertion) {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
        return ProviderReply.post(HttpClient.create().headers(h -> h.set("content-type",
                "application/x-www-form-urlencoded")), sandbox.fcmTokenUri(), form);
    }

    private static String assertion(String algorithm) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        return ProviderReply.jwt(Map.of("alg", algorithm, "typ", "JWT", "kid", "key-1"),
                Map.of("iss", "clarion@clarion-test.iam.gserviceaccount.com",
                        "scope", "https://www.googleapis.com/auth/firebase.messaging",
                        "aud", sandbox.fcmTokenUri(), "iat", now, "exp", now + 3600),
                serviceAccountKey, "SHA256withRSA");
    }
}
