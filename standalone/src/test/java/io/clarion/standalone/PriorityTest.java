package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Urgent first (DESIGN rule 9): a SEV1 broadcast submitted while a large SEV3 broadcast saturates the webhook
 * provider's budget overtakes it, in the queue and in the budget, and the SEV3 broadcast still completes whole.
 */
@ExtendWith(DevStackExtension.class)
class PriorityTest {
    private static final String KEY = "priority-key";
    private static final int BULK = 3_000;
    private static final int URGENT = 30;
    private static final int PER_SECOND = 300;

    private static DevStack stack;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("priority");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of("clarion.rate-limits.refresh-interval", "200ms"));
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aSev1BroadcastOvertakesABulkSev3OneAndTheSev3OneLosesNothing() {
        importRecipients("bulk", BULK);
        importRecipients("urgent", URGENT);
        var limit = api.put("/v1/admin/rate-limits/provider:webhook:default",
                Map.of("capacity", PER_SECOND / 20, "refillTokens", PER_SECOND, "refillPeriod", "PT1S"));
        assertThat(limit.status()).as(limit.body()).isEqualTo(200);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);

        String bulk = broadcast("INC-BULK", "SEV3", "bulk");
        await().atMost(Duration.ofSeconds(60)).until(() -> received("INC-BULK") > PER_SECOND);
        long submitted = System.nanoTime();
        String urgent = broadcast("INC-URGENT", "SEV1", "urgent");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(api.get("/v1/broadcasts/" + urgent).json().get("status")).isEqualTo("completed"));
        double seconds = (System.nanoTime() - submitted) / 1e9;
        long bulkSentThen = received("INC-BULK");
        System.out.printf("priority: SEV1 to %d recipients completed %.2f s after submission, with %d of %d SEV3 "
                + "deliveries (%.0f%%) still pending%n", URGENT, seconds, BULK - bulkSentThen, BULK,
                100.0 * (BULK - bulkSentThen) / BULK);
        assertThat(bulkSentThen).as("SEV3 deliveries made before the SEV1 broadcast completed").isLessThan(BULK / 2);
        assertThat(received("INC-URGENT")).isEqualTo(URGENT);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get("/v1/broadcasts/" + bulk).json()).containsEntry("status", "completed"));
        assertThat(api.get("/v1/broadcasts/" + bulk).json().get("counts")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("sent", BULK).containsEntry("failed", 0);
        assertThat(stack.sandbox().messages("webhook").stream().filter(m -> "INC-BULK".equals(m.incidentId()))
                .map(SandboxMessage::recipient).distinct().count()).isEqualTo(BULK);
    }

    private static String broadcast(String incident, String severity, String segment) {
        api.put("/v1/incidents/" + incident, Map.of("title", "t", "severity", severity));
        api.post("/v1/incidents/" + incident + "/updates", Map.of("status", "identified", "body", "b"));
        var accepted = api.post("/v1/broadcasts", Map.of("incidentId", incident,
                "audience", Map.of("segments", List.of(segment)), "channels", List.of("webhook")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return (String) accepted.json().get("id");
    }

    private static void importRecipients(String tier, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = tier + "-" + i;
            lines.add(Api.json(Map.of("id", id, "tier", tier, "contacts",
                    Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET)))));
        }
        assertThat(api.postNdjson("/v1/recipients:import", lines).status()).isEqualTo(200);
        assertThat(api.put("/v1/segments/" + tier, Map.of("match", Map.of("tier", List.of(tier)))).status())
                .isEqualTo(201);
    }

    private static long received(String incident) {
        return stack.sandbox().messages("webhook").stream().filter(m -> incident.equals(m.incidentId())).count();
    }
}
