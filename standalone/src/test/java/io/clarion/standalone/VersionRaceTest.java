package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.Fault;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Five versions of one incident racing to 20,000 recipients through a flaky, slow receiver. */
@ExtendWith(DevStackExtension.class)
class VersionRaceTest {
    private static final String KEY = "race-key";
    private static final int RECIPIENTS = 20_000;
    private static final int VERSIONS = 5;

    private static DevStack stack;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("version_race");
        // the sandbox answers 5 % of webhooks 503: they come back through the retry topic, on a short schedule
        engine = Engine.start(stack, namespace, 0, KEY, Map.of("clarion.rate-limits.enabled", false,
                "clarion.retry.webhook-schedule", "100ms,200ms,400ms,800ms,1s,2s,5s"));
        api = new Api(engine.gatewayUrl(), KEY);
        // these broadcasts go out at once: above the tenant's cap they would wait for approval
        assertThat(api.put("/v1/settings", Map.of("maxAudienceWithoutApproval", 1_000_000)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        stack.sandbox().faults().clear();
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void everyRecipientGetsStrictlyIncreasingVersionsEndingAtTheLatest() {
        importRecipients();
        api.put("/v1/incidents/INC-RACE", Map.of("title", "Checkout down", "severity", "SEV1"));
        stack.sandbox().faults().set("webhook", Fault.flaky(0.05, 503, Duration.ZERO, Duration.ofMillis(20)));

        List<String> broadcasts = new ArrayList<>();
        for (int version = 1; version <= VERSIONS; version++) {
            assertThat(api.post("/v1/incidents/INC-RACE/updates", Map.of("status", "identified",
                    "body", "update " + version)).status()).isEqualTo(201);
            var accepted = api.post("/v1/broadcasts", Map.of("incidentId", "INC-RACE", "version", version,
                    "audience", Map.of("segments", List.of("racers")), "channels", List.of("webhook")));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            broadcasts.add((String) accepted.json().get("id"));
        }
        long superseded = broadcasts.stream().mapToLong(VersionRaceTest::awaitSuperseded).sum();

        Map<String, List<Long>> versionsByRecipient = stack.sandbox().messages("webhook").stream()
                .filter(m -> "INC-RACE".equals(m.incidentId()))
                .collect(Collectors.groupingBy(SandboxMessage::recipient,
                        Collectors.mapping(SandboxMessage::version, Collectors.toList())));
        long received = versionsByRecipient.values().stream().mapToLong(List::size).sum();
        System.out.printf("version race: %d recipients x %d versions: %d webhooks received, %d superseded%n",
                RECIPIENTS, VERSIONS, received, superseded);
        assertThat(versionsByRecipient).hasSize(RECIPIENTS);
        assertThat(versionsByRecipient.values()).allSatisfy(versions -> {
            assertThat(versions).isSorted().doesNotHaveDuplicates();
            assertThat(versions.get(versions.size() - 1)).isEqualTo((long) VERSIONS);
        });
    }

    /** Waits for a broadcast to complete; returns how many of its deliveries were superseded. */
    private static long awaitSuperseded(String id) {
        Map<String, Object> last = new java.util.HashMap<>();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            last.clear();
            last.putAll(api.get("/v1/broadcasts/" + id).json());
            assertThat(last.get("status")).as(String.valueOf(last)).isEqualTo("completed");
        });
        @SuppressWarnings("unchecked")
        Map<String, Number> counts = (Map<String, Number>) last.get("counts");
        assertThat(counts.get("failed").longValue()).as("failed deliveries of %s", id).isZero();
        return counts.get("superseded").longValue();
    }

    private static void importRecipients() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            String id = "racer-" + i;
            lines.add(Api.json(Map.of("id", id, "tier", "racer", "contacts",
                    Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET)))));
        }
        assertThat(api.postNdjson("/v1/recipients:import", lines).status()).isEqualTo(200);
        api.put("/v1/segments/racers", Map.of("match", Map.of("tier", List.of("racer"))));
    }
}
