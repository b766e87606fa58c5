package io.clarion.devstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProviderSandboxTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ProviderSandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = ProviderSandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
    }

    @BeforeEach
    void emptyInbox() throws Exception {
        assertThat(send("DELETE", "/sandbox/messages", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/sandbox/faults", null).statusCode()).isEqualTo(204);
    }

    @Test
    void anInjectedOutageAnswersTheConfiguredErrorAndRecordsNothing() throws Exception {
        HttpResponse<String> configured = send("PUT", "/sandbox/faults/webhook", "{\"down\": true, \"errorStatus\": 503}");
        assertThat(configured.statusCode()).isEqualTo(200);

        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.webhookUrl("r-1")))
                .POST(HttpRequest.BodyPublishers.ofString(webhookBody("r-1", "INC-1", 1))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(sandbox.messages()).isEmpty();
        assertThat(send("DELETE", "/sandbox/faults", null).statusCode()).isEqualTo(204);
        postWebhook("r-1", "INC-1", 1);
        assertThat(sandbox.messages()).hasSize(1);
    }

    @Test
    void anErrorRateFailsAboutThatShareOfRequests() throws Exception {
        sandbox.faults().set("webhook", Fault.flaky(0.5, 500, java.time.Duration.ZERO, java.time.Duration.ofMillis(2)));
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.webhookUrl("r-" + i)))
                    .POST(HttpRequest.BodyPublishers.ofString(webhookBody("r-" + i, "INC-1", 1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            failed += response.statusCode() == 500 ? 1 : 0;
        }
        assertThat(failed).isBetween(60, 140);
        assertThat(sandbox.messages()).hasSize(200 - failed);
    }

    @Test
    void aFaultSetOverHttpCanNameTheProviderErrorARateCapAndOneDestination() throws Exception {
        HttpResponse<String> configured = send("PUT", "/sandbox/faults/sms",
                "{\"errorRate\": 1, \"errorCode\": 21211, \"ratePerSecond\": 5, \"onlyFor\": \"+15550100001\"}");

        assertThat(configured.statusCode()).isEqualTo(200);
        assertThat(sandbox.faults().of("sms")).satisfies(fault -> {
            assertThat(fault.errorCode()).isEqualTo("21211");
            assertThat(fault.ratePerSecond()).isEqualTo(5);
            assertThat(fault.onlyFor()).isEqualTo("+15550100001");
        });
        JsonNode listed = JSON.readTree(send("GET", "/sandbox/faults", null).body()).path("sms");
        assertThat(listed.path("errorCode").stringValue()).isEqualTo("21211");
        assertThat(listed.path("onlyFor").stringValue()).isEqualTo("+15550100001");
        assertThat(send("PUT", "/sandbox/faults/sms", "{\"ratePerSecond\": -1}").statusCode()).isEqualTo(400);
    }

    @Test
    void aWebhookAboveTheRateCapGets429WithRetryAfterAndIsCountedAsRejected() throws Exception {
        sandbox.faults().set("webhook", Fault.rateCapped(1));
        int throttled = 0;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.webhookUrl("r-" + i)))
                    .POST(HttpRequest.BodyPublishers.ofString(webhookBody("r-" + i, "INC-1", 1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                throttled++;
                assertThat(response.headers().firstValue("retry-after")).hasValue("1");
            }
        }

        assertThat(throttled).isBetween(1, 2);
        JsonNode rejected = JSON.readTree(send("GET", "/sandbox/stats", null).body()).path("rejected");
        assertThat(rejected.path("webhook").longValue()).isEqualTo(throttled);
        assertThat(rejected.path("email").longValue()).isZero();
        assertThat(sandbox.messages()).hasSize(3 - throttled);
    }

    @Test
    void aWebhookFaultForOnePathLeavesTheOthersAlone() throws Exception {
        sandbox.faults().set("webhook", Fault.flaky(1, 410, Duration.ZERO, Duration.ZERO).onlyFor("/webhooks/r-bad"));

        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.webhookUrl("r-bad")))
                .POST(HttpRequest.BodyPublishers.ofString(webhookBody("r-bad", "INC-1", 1))).build(),
                HttpResponse.BodyHandlers.ofString());
        postWebhook("r-good", "INC-1", 1);

        assertThat(refused.statusCode()).isEqualTo(410);
        assertThat(sandbox.messages()).extracting(SandboxMessage::recipient).containsExactly("r-good");
    }

    @Test
    void badFaultSettingsAreRefused() throws Exception {
        assertThat(send("PUT", "/sandbox/faults/webhook", "{\"errorRate\": 2}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/sandbox/faults/fax", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void webhookIsAnsweredWith200AndRecordedWithItsHeadersAndBody() throws Exception {
        String body = webhookBody("r-17", "INC-42", 3);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/webhooks/r-17"))
                .header("content-type", "application/json")
                .header("webhook-id", "msg_1")
                .header("webhook-timestamp", "1700000000")
                .header("webhook-signature", "v1,abc=")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.messages()).singleElement().satisfies(message -> {
            assertThat(message.channel()).isEqualTo("webhook");
            assertThat(message.recipient()).isEqualTo("r-17");
            assertThat(message.incidentId()).isEqualTo("INC-42");
            assertThat(message.version()).isEqualTo(3L);
            assertThat(message.messageId()).isEqualTo("msg_1");
            assertThat(message.path()).isEqualTo("/webhooks/r-17");
            assertThat(message.headers()).containsOnly(Map.entry("webhook-id", "msg_1"),
                    Map.entry("webhook-timestamp", "1700000000"), Map.entry("webhook-signature", "v1,abc="));
            assertThat(message.body()).isEqualTo(body);
            assertThat(message.receivedAt()).isNotNull();
        });
    }

    @Test
    void messagesAreListedInArrivalOrderAndFilteredByRecipientAndIncident() throws Exception {
        postWebhook("r-1", "INC-1", 1);
        postWebhook("r-2", "INC-1", 1);
        postWebhook("r-1", "INC-2", 1);
        postWebhook("r-1", "INC-1", 2);

        assertThat(versionsOf(listMessages(""))).containsExactly("r-1/INC-1/1", "r-2/INC-1/1", "r-1/INC-2/1", "r-1/INC-1/2");
        assertThat(versionsOf(listMessages("?recipient=r-1"))).containsExactly("r-1/INC-1/1", "r-1/INC-2/1", "r-1/INC-1/2");
        assertThat(versionsOf(listMessages("?channel=webhook&recipient=r-1&incident=INC-1")))
                .containsExactly("r-1/INC-1/1", "r-1/INC-1/2");
        assertThat(versionsOf(listMessages("?channel=email"))).isEmpty();
        assertThat(listMessages("").get(0).path("messageId").stringValue()).isEqualTo("id-r-1-INC-1-1");
    }

    @Test
    void statsCountMessagesPerChannelAndDeleteClearsInboxAndCounts() throws Exception {
        postWebhook("r-1", "INC-1", 1);
        postWebhook("r-2", "INC-1", 1);

        assertThat(stats()).isEqualTo(Map.of("webhook", 2L, "email", 0L, "sms", 0L, "push", 0L));

        assertThat(send("DELETE", "/sandbox/messages", null).statusCode()).isEqualTo(204);
        assertThat(listMessages("")).isEmpty();
        assertThat(sandbox.messages("webhook")).isEmpty();
        assertThat(stats()).containsEntry("webhook", 0L);
    }

    @Test
    void unknownPathIsAnsweredWith404ProblemDetail() throws Exception {
        HttpResponse<String> response = send("GET", "/nowhere", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").intValue()).isEqualTo(404);
        assertThat(problem.path("detail").stringValue()).contains("GET /nowhere", "POST /webhooks/{anything}",
                "POST /v2/email/outbound-emails", "POST /3/device/{token}", "POST /token");
    }

    @Test
    void webhookWithoutJsonBodyIsRejectedWith400AndNotRecorded() throws Exception {
        HttpResponse<String> response = send("POST", "/webhooks/r-1", "not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("detail").stringValue()).startsWith("webhook body is not JSON");
        assertThat(sandbox.messages()).isEmpty();
    }

    @Test
    void javaApiSeesWhatHttpClientsPosted() throws Exception {
        postWebhook("r-9", "INC-9", 7);

        assertThat(sandbox.messages("webhook")).extracting(SandboxMessage::recipient).containsExactly("r-9");
        assertThat(sandbox.webhookUrl("r-9")).isEqualTo(sandbox.baseUrl() + "/webhooks/r-9");
        sandbox.clear();
        assertThat(sandbox.messages()).isEmpty();
    }

    private static void postWebhook(String recipient, String incident, int version) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.webhookUrl(recipient)))
                .header("webhook-id", "id-" + recipient + "-" + incident + "-" + version)
                .POST(HttpRequest.BodyPublishers.ofString(webhookBody(recipient, incident, version))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static String webhookBody(String recipient, String incident, int version) {
        return "{\"type\":\"incident.update\",\"incidentId\":\"" + incident + "\",\"version\":" + version
                + ",\"severity\":\"SEV1\",\"status\":\"identified\",\"title\":\"t\",\"body\":\"b\",\"recipientId\":\""
                + recipient + "\",\"sentAt\":\"2026-11-26T12:00:00Z\"}";
    }

    private static List<JsonNode> listMessages(String query) throws Exception {
        HttpResponse<String> response = send("GET", "/sandbox/messages" + query, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("messages").valueStream().toList();
    }

    private static List<String> versionsOf(List<JsonNode> messages) {
        return messages.stream().map(message -> message.path("recipient").stringValue() + "/"
                + message.path("incidentId").stringValue() + "/" + message.path("version").longValue()).toList();
    }

    private static Map<String, Long> stats() throws Exception {
        JsonNode received = JSON.readTree(send("GET", "/sandbox/stats", null).body()).path("received");
        return Map.of("webhook", received.path("webhook").longValue(), "email", received.path("email").longValue(),
                "sms", received.path("sms").longValue(), "push", received.path("push").longValue());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
