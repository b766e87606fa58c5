package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every channel end to end through the HTTP API and the real provider SDKs/protocols against the sandbox:
 * SES v2 (bulk for shared content), Twilio, FCM v1, APNs over HTTP/2 and webhooks.
 */
@ExtendWith(DevStackExtension.class)
class ChannelsEndToEndTest {
    private static final String KEY = "channels-key";
    private static final int RECIPIENTS = 60;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DevStack stack;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        engine = Engine.start(stack, stack.newNamespace("channels"), 0, KEY, Map.of());
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aBroadcastOnEveryChannelReachesEachProviderOncePerRecipientCorrectlyFormed() {
        List<String> ids = IntStream.range(0, RECIPIENTS).mapToObj(i -> "all-" + i).toList();
        ids.forEach(ChannelsEndToEndTest::putRecipientWithEveryContact);
        int version = api.incidentWithUpdate("INC-ALL", "SEV1", "identified", "Card payments fail <b>in EU</b>");

        String id = api.broadcast("INC-ALL", ids, List.of("email", "sms", "push", "webhook"));
        Map<String, Long> counts = Api.counts(api.awaitCompleted(id, Duration.ofMinutes(2)));

        assertThat(counts).containsEntry("targeted", 4L * RECIPIENTS).containsEntry("sent", 4L * RECIPIENTS)
                .containsEntry("failed", 0L).containsEntry("suppressed", 0L);
        assertEmails(ids, version);
        assertTexts(ids, version);
        assertPushes(ids, version);
        assertThat(received("webhook")).extracting(SandboxMessage::recipient).containsExactlyInAnyOrderElementsOf(ids);
    }

    private static void assertEmails(List<String> ids, int version) {
        List<SandboxMessage> emails = received("email");
        assertThat(emails).extracting(SandboxMessage::recipient).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(emails).extracting(SandboxMessage::messageId).doesNotHaveDuplicates();
        assertThat(emails).extracting(SandboxMessage::path).as("shared content goes out in bulk")
                .contains("/v2/email/outbound-bulk-emails");
        assertThat(emails).allSatisfy(email -> {
            assertThat(email.version()).isEqualTo((long) version);
            JsonNode body = JSON.readTree(email.body());
            assertThat(body.path("to").toString()).contains(email.recipient() + "@example.com");
            assertThat(body.path("subject").asString()).contains("SEV1").contains("Trouble with INC-ALL");
            assertThat(body.path("text").asString()).contains("Card payments fail <b>in EU</b>");
            assertThat(body.path("html").asString()).as("user content is escaped in HTML")
                    .contains("Card payments fail &lt;b&gt;in EU&lt;/b&gt;");
            assertThat(body.path("headers").toString()).contains(email.messageId() + "@clarion")
                    .containsIgnoringCase("List-Unsubscribe");
        });
    }

    private static void assertTexts(List<String> ids, int version) {
        List<SandboxMessage> texts = received("sms");
        assertThat(texts).extracting(SandboxMessage::recipient).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(texts).allSatisfy(text -> {
            assertThat(text.version()).isEqualTo((long) version);
            assertThat(text.path()).startsWith("/2010-04-01/Accounts/").endsWith("/Messages.json");
            assertThat(JSON.readTree(text.body()).path("body").asString()).contains("Card payments fail");
        });
    }

    private static void assertPushes(List<String> ids, int version) {
        List<SandboxMessage> pushes = received("push");
        List<SandboxMessage> fcm = pushes.stream().filter(m -> m.path().startsWith("/v1/projects/")).toList();
        List<SandboxMessage> apns = pushes.stream().filter(m -> m.path().startsWith("/3/device/")).toList();
        assertThat(fcm).extracting(SandboxMessage::recipient).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(apns).extracting(SandboxMessage::recipient).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(pushes).allSatisfy(push -> assertThat(push.version()).isEqualTo((long) version));
        assertThat(apns).allSatisfy(push -> assertThat(push.path()).isEqualTo("/3/device/apns-" + push.recipient()));
    }

    private static List<SandboxMessage> received(String channel) {
        return stack.sandbox().messages(channel).stream().filter(m -> "INC-ALL".equals(m.incidentId())).toList();
    }

    private static void putRecipientWithEveryContact(String id) {
        var contacts = Map.of("email", id + "@example.com", "sms", "+1555010" + String.format("%04d", Integer.parseInt(id.substring(4))),
                "push", List.of(Map.of("platform", "fcm", "token", "fcm-" + id), Map.of("platform", "apns", "token", "apns-" + id)),
                "webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET));
        var response = api.put("/v1/recipients/" + id, Map.of("contacts", contacts));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }
}
