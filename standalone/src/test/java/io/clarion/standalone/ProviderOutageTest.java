package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.sandbox.Fault;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A provider (Twilio, in the sandbox) goes down for 20 s in the middle of a paced SMS broadcast: its circuit
 * opens and deliveries are parked in the retry topic instead of holding connections; when it comes back they
 * resume by themselves. Nothing is lost, nothing is sent twice, the broadcast completes.
 */
@ExtendWith(DevStackExtension.class)
class ProviderOutageTest {
    private static final String KEY = "outage-key";
    private static final int RECIPIENTS = 2_500;
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static DevStack stack;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        engine = Engine.start(stack, stack.newNamespace("outage"), 0, KEY, Map.of(
                "clarion.rate-limits.refresh-interval", "500ms",
                "clarion.retry.first-backoff", "200ms",
                "clarion.retry.max-backoff", "3s",
                "clarion.retry.max-attempts", "100",
                "clarion.breaker.open-for", "2s",
                "clarion.breaker.minimum-calls", "10",
                "clarion.breaker.sliding-window", "20"));
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        stack.sandbox().faults().clear();
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aProviderDownFor20SecondsMidBroadcastLosesNothingAndSendsNothingTwice() throws InterruptedException {
        importTextRecipients();
        assertThat(api.put("/v1/admin/rate-limits/tenant:default:sms",
                Map.of("capacity", 20, "refillTokens", 100, "refillPeriod", "PT1S")).status()).isEqualTo(200);
        api.incidentWithUpdate("INC-DOWN", "SEV2", "investigating", "SMS provider outage drill");

        assertThat(api.put("/v1/segments/outage-drill", Map.of("match", Map.of("tier", List.of("outage-drill"))))
                .status()).isEqualTo(201);
        String id = api.broadcast("INC-DOWN", Map.of("segments", List.of("outage-drill")), List.of("sms"));
        await().atMost(Duration.ofSeconds(60)).until(() -> received().size() >= 300);
        stack.sandbox().faults().set("sms", Fault.outage());
        Thread.sleep(2_000);
        int beforeSilence = received().size();
        Thread.sleep(OUTAGE.toMillis() - 2_000);
        int afterOutage = received().size();
        stack.sandbox().faults().clear();

        Map<String, Long> counts = Api.counts(api.awaitCompleted(id, Duration.ofMinutes(3)));
        List<SandboxMessage> texts = received();
        assertThat(afterOutage).as("nothing accepted while the provider was down").isEqualTo(beforeSilence);
        assertThat(counts).containsEntry("targeted", (long) RECIPIENTS).containsEntry("sent", (long) RECIPIENTS)
                .containsEntry("failed", 0L);
        assertThat(texts).as("nothing lost, nothing twice").hasSize(RECIPIENTS);
        assertThat(texts).extracting(SandboxMessage::recipient).doesNotHaveDuplicates();
        assertThat(DispatcherMetrics.deferrals(engine, "sms"))
                .as("the open circuit parked deliveries instead of calling the provider")
                .isPositive();
    }

    private static List<SandboxMessage> received() {
        return stack.sandbox().messages("sms").stream().filter(m -> "INC-DOWN".equals(m.incidentId())).toList();
    }

    private static void importTextRecipients() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            lines.add(Api.json(Map.of("id", "down-" + i, "tier", "outage-drill",
                    "contacts", Map.of("sms", "+1555" + String.format("%07d", i)))));
        }
        var imported = api.postNdjson("/v1/recipients:import", lines);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(((Number) imported.json().get("imported")).intValue()).isEqualTo(RECIPIENTS);
    }
}
