package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dispatchers as separate OS processes, killed and stopped the way production nodes die: nothing is
 * lost, and what a receiver dedupes on ({@code webhook-id}) never differs for one delivery.
 */
@ExtendWith(DevStackExtension.class)
class MultiDispatcherTest {
    private static final String KEY = "multi-key";
    /** A short lease and send timeout, so a crashed dispatcher's claims are taken over within seconds. */
    private static final Map<String, Object> DISPATCHER = Map.of("clarion.claims.lease", "5s",
            "clarion.channels.webhook.response-timeout", "2s",
            "clarion.delivery.shutdown-grace", "15s", "clarion.rate-limits.enabled", false);

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine gateway;
    private static Api api;
    private final List<DispatcherProcess> dispatchers = new ArrayList<>();

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("multi");
        gateway = Engine.gatewayOnly(stack, namespace, 0, KEY, Map.of());
        api = new Api(gateway.gatewayUrl(), KEY);
        // these broadcasts go out at once: above the tenant's cap they would wait for approval
        assertThat(api.put("/v1/settings", Map.of("maxAudienceWithoutApproval", 1_000_000)).status()).isEqualTo(200);
        importRecipients(50_000);
    }

    @AfterEach
    void stopDispatchers() {
        dispatchers.forEach(DispatcherProcess::close);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void killingADispatcherThreeTimesLosesNothingAndNeverChangesAWebhookId() {
        DispatcherProcess first = dispatcher("d1");
        dispatcher("d2");
        String id = broadcast("INC-CRASH", "crash");
        Random random = new Random(42);

        for (int crash = 1; crash <= 3; crash++) {
            int threshold = crash * 10_000 + random.nextInt(5_000);
            await().atMost(Duration.ofMinutes(2)).until(() -> received("INC-CRASH").size() >= threshold);
            first.kill();
            first.launch();
        }

        Map<String, Object> done = awaitCompleted(id);
        Map<String, List<SandboxMessage>> byRecipient = received("INC-CRASH").stream()
                .collect(Collectors.groupingBy(SandboxMessage::recipient));
        long duplicates = byRecipient.values().stream().mapToLong(messages -> messages.size() - 1).sum();
        System.out.printf("crash test: 50000 recipients, 3 kill -9: received %d, lost %d, duplicates %d "
                + "(same webhook-id), counts %s%n", byRecipient.values().stream().mapToInt(List::size).sum(),
                50_000 - byRecipient.size(), duplicates, done.get("counts"));
        assertThat(byRecipient).as("recipients reached").hasSize(50_000);
        assertThat(byRecipient.values()).as("one webhook-id per delivery, however often it was sent")
                .allSatisfy(messages -> assertThat(messages).extracting(SandboxMessage::messageId).containsOnly(
                        messages.get(0).messageId()));
        assertThat(duplicates).as("re-sent only what was in flight at the 3 crashes").isLessThanOrEqualTo(3L * 256);
        assertThat(counts(done)).containsEntry("sent", 50_000L).containsEntry("failed", 0L);
    }

    @Test
    void sigtermAndARebalanceMidBroadcastLoseNothingAndDuplicateNothing() {
        dispatcher("s1");
        DispatcherProcess second = dispatcher("s2");
        String id = broadcast("INC-TERM", "term");

        await().atMost(Duration.ofMinutes(2)).until(() -> received("INC-TERM").size() >= 5_000);
        DispatcherProcess third = dispatcher("s3");
        await().atMost(Duration.ofMinutes(2)).until(() -> received("INC-TERM").size() >= 10_000);
        assertThat(third.terminate(Duration.ofSeconds(30))).as("third dispatcher left within its grace").isTrue();
        await().atMost(Duration.ofMinutes(2)).until(() -> received("INC-TERM").size() >= 13_000);
        assertThat(second.terminate(Duration.ofSeconds(30))).as("SIGTERM exits within the grace period").isTrue();

        Map<String, Object> done = awaitCompleted(id);
        Map<String, Long> perRecipient = received("INC-TERM").stream()
                .collect(Collectors.groupingBy(SandboxMessage::recipient, Collectors.counting()));
        long duplicates = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf("SIGTERM + rebalance test: 20000 recipients: lost %d, duplicates %d, counts %s%n",
                20_000 - perRecipient.size(), duplicates, done.get("counts"));
        assertThat(perRecipient).hasSize(20_000);
        assertThat(duplicates).isZero();
        assertThat(counts(done)).containsEntry("sent", 20_000L);
    }

    private DispatcherProcess dispatcher(String name) {
        DispatcherProcess process = DispatcherProcess.start(name, stack, namespace, DISPATCHER);
        dispatchers.add(process);
        return process;
    }

    private static String broadcast(String incident, String segment) {
        assertThat(api.put("/v1/incidents/" + incident, Map.of("title", "t", "severity", "SEV1")).status()).isEqualTo(201);
        assertThat(api.post("/v1/incidents/" + incident + "/updates", Map.of("status", "identified", "body", "b"))
                .status()).isEqualTo(201);
        var accepted = api.post("/v1/broadcasts", Map.of("incidentId", incident,
                "audience", Map.of("segments", List.of(segment)), "channels", List.of("webhook")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return (String) accepted.json().get("id");
    }

    /** 50,000 recipients: the first 20,000 in segment "term" as well as "crash". */
    private static void importRecipients(int count) {
        for (int from = 0; from < count; from += 10_000) {
            List<String> lines = new ArrayList<>();
            for (int i = from; i < from + 10_000; i++) {
                String id = "m-" + i;
                lines.add(Api.json(Map.of("id", id, "tier", "crash", "region", i < 20_000 ? "term" : "other",
                        "contacts", Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id),
                                "secret", Api.WEBHOOK_SECRET)))));
            }
            assertThat(api.postNdjson("/v1/recipients:import", lines).status()).isEqualTo(200);
        }
        api.put("/v1/segments/crash", Map.of("match", Map.of("tier", List.of("crash"))));
        api.put("/v1/segments/term", Map.of("match", Map.of("region", List.of("term"))));
    }

    private static List<SandboxMessage> received(String incident) {
        return stack.sandbox().messages("webhook").stream().filter(m -> incident.equals(m.incidentId())).toList();
    }

    private static Map<String, Object> awaitCompleted(String id) {
        Map<String, Object> last = new HashMap<>();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            last.clear();
            last.putAll(api.get("/v1/broadcasts/" + id).json());
            assertThat(last.get("status")).as(String.valueOf(last)).isEqualTo("completed");
        });
        return last;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> counts(Map<String, Object> broadcast) {
        return ((Map<String, Number>) broadcast.get("counts")).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().longValue()));
    }
}
