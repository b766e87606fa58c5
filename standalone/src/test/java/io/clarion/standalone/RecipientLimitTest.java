package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The recipient's anti-fatigue limit makes a delivery wait, not vanish: over the limit it waits in line
 * briefly, then is deferred through the retry topic until the recipient's bucket has a token again, and
 * is sent then.
 */
@ExtendWith(DevStackExtension.class)
class RecipientLimitTest {
    private static final String KEY = "fatigue-key";
    private static final Duration REFILL = Duration.ofSeconds(4);

    private static DevStack stack;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        engine = Engine.start(stack, stack.newNamespace("fatigue"), 0, KEY, Map.of(
                "clarion.rate-limits.recipient.capacity", 1,
                "clarion.rate-limits.recipient.refill", 1,
                "clarion.rate-limits.recipient.period", REFILL.toSeconds() + "s",
                "clarion.rate-limits.recipient-max-wait", "200ms"));
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aRecipientOverItsLimitGetsTheUpdateOnceItsBucketRefillsInsteadOfLosingIt() {
        assertThat(api.put("/v1/recipients/tired", Map.of("contacts", Map.of("webhook",
                Map.of("url", stack.sandbox().webhookUrl("tired"), "secret", Api.WEBHOOK_SECRET)))))
                .extracting(Api.Response::status).isEqualTo(201);
        api.incidentWithUpdate("INC-TIRED-A", "SEV2", "investigating", "first incident");
        api.incidentWithUpdate("INC-TIRED-B", "SEV2", "investigating", "second incident");

        Map<String, Long> first = Api.counts(api.awaitCompleted(
                api.broadcast("INC-TIRED-A", List.of("tired"), List.of("webhook")), Duration.ofSeconds(30)));
        Map<String, Long> second = Api.counts(api.awaitCompleted(
                api.broadcast("INC-TIRED-B", List.of("tired"), List.of("webhook")), Duration.ofSeconds(60)));

        assertThat(first).containsEntry("sent", 1L);
        assertThat(second).as("deferred, then sent; never suppressed").containsEntry("sent", 1L)
                .containsEntry("suppressed", 0L);
        SandboxMessage a = received("INC-TIRED-A");
        SandboxMessage b = received("INC-TIRED-B");
        assertThat(Duration.between(a.receivedAt(), b.receivedAt()))
                .as("the second message waited for the recipient's next token").isGreaterThan(REFILL.dividedBy(2));
        assertThat(DispatcherMetrics.deferrals(engine, "webhook")).isPositive();
    }

    private static SandboxMessage received(String incident) {
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.sandbox().messages("webhook").stream()
                .anyMatch(m -> incident.equals(m.incidentId())));
        List<SandboxMessage> messages = stack.sandbox().messages("webhook").stream()
                .filter(m -> incident.equals(m.incidentId())).toList();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }
}
