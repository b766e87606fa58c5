package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rate limits through the admin API, and a provider limit that two dispatcher processes, sharing
 * one Redis bucket, obey together.
 */
@ExtendWith(DevStackExtension.class)
class RateLimitTest {
    private static final String KEY = "rate-key";
    private static final String BUCKET = "provider:webhook:default";

    private static DevStack stack;
    private static Engine engine;
    private static Api api;
    private static final List<DispatcherProcess> DISPATCHERS = new ArrayList<>();

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("rate_limits");
        engine = Engine.gatewayOnly(stack, namespace, 0, KEY, Map.of());
        api = new Api(engine.gatewayUrl(), KEY);
        for (String name : List.of("rate-1", "rate-2")) {
            DISPATCHERS.add(DispatcherProcess.start(name, stack, namespace,
                    Map.of("clarion.rate-limits.refresh-interval", "500ms")));
        }
    }

    @AfterAll
    static void stop() {
        DISPATCHERS.forEach(DispatcherProcess::close);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void everyBucketIsListedWithItsPolicyAndFill() {
        var list = api.get("/v1/admin/rate-limits");

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) list.json().get("buckets");
        assertThat(buckets).extracting(b -> b.get("bucket"))
                .contains("provider:email:default", "provider:webhook:default", "tenant:default:sms", "recipient");
        assertThat(buckets).filteredOn(b -> b.get("bucket").equals("provider:email:default")).singleElement()
                .satisfies(b -> assertThat(b).containsEntry("source", "default").containsEntry("capacity", 500)
                        .containsEntry("refillTokens", 5000).containsEntry("perSecond", 5000.0)
                        .containsEntry("availableTokens", 500));
    }

    @Test
    void anSreChangesAPolicyAndBadPoliciesAreRefused() {
        var put = api.put("/v1/admin/rate-limits/tenant:ops:email",
                Map.of("capacity", 5, "refillTokens", 50, "refillPeriod", "PT1S"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json()).containsEntry("source", "admin").containsEntry("version", 1).containsEntry("perSecond", 50.0);
        var again = api.put("/v1/admin/rate-limits/tenant:ops:email",
                Map.of("capacity", 5, "refillTokens", 60, "refillPeriod", "PT1S"));
        assertThat(again.json()).containsEntry("version", 2);
        assertThat(api.get("/v1/admin/rate-limits/tenant:ops:email").json()).containsEntry("refillTokens", 60);

        var bad = api.put("/v1/admin/rate-limits/tenant:ops:email", Map.of("capacity", 0, "refillTokens", 5));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("capacity", "refillPeriod");
        assertThat(api.put("/v1/admin/rate-limits/provider:fax:default",
                Map.of("capacity", 1, "refillTokens", 1, "refillPeriod", "PT1S")).status()).isEqualTo(404);
    }

    @Test
    void theProviderLimitHoldsAndANewLimitIsObeyedWithinSeconds() {
        // enough that the 500/s part lasts ~11 s: a window of a second or two after the change is mostly the
        // bucket's burst and arrival jitter, not the rate
        int recipients = 8_000;
        importRecipients(recipients);
        setWebhookLimit(200);
        api.put("/v1/admin/rate-limits/tenant:default:webhook",
                Map.of("capacity", 100, "refillTokens", 10_000, "refillPeriod", "PT1S"));
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        api.put("/v1/incidents/INC-RATE", Map.of("title", "t", "severity", "SEV1"));
        api.post("/v1/incidents/INC-RATE/updates", Map.of("status", "identified", "body", "b"));

        var accepted = api.post("/v1/broadcasts", Map.of("incidentId", "INC-RATE",
                "audience", Map.of("segments", List.of("rated")), "channels", List.of("webhook")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(40)).until(() -> received().size() > 2_400);
        Instant raised = Instant.now();
        setWebhookLimit(500);
        String id = (String) accepted.json().get("id");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get("/v1/broadcasts/" + id).json().get("status")).isEqualTo("completed"));

        List<Instant> arrivals = received().stream().map(SandboxMessage::receivedAt).sorted().toList();
        assertThat(arrivals).hasSize(recipients);
        // From 3 s on: fresh dispatcher JVMs send late while they warm up, then catch up in a burst.
        Instant beforeFrom = arrivals.get(0).plusSeconds(3);
        Instant afterFrom = raised.plusSeconds(5);
        Instant afterTo = arrivals.get(arrivals.size() - 1).minusMillis(500);
        double before = rate(arrivals, beforeFrom, raised);
        double after = rate(arrivals, afterFrom, afterTo);
        System.out.printf("rate limit 200/s, two dispatcher processes: observed %.1f/s; raised to 500/s: observed "
                + "%.1f/s%n", before, after);
        // Exceeding a limit is a bug whatever the machine: the upper bounds are strict, 5% over what a token bucket
        // allows in the window (its rate, plus one bucket of burst spread over the window). How close to the limit a
        // shared CI machine gets is a figure for the benchmark, so the lower bounds only show that deliveries flow
        // and that the raised limit took effect (above the old one).
        assertThat(before).as("deliveries/s under a 200/s limit").isBetween(100.0, allowed(200, beforeFrom, raised));
        assertThat(after).as("deliveries/s under a 500/s limit, from 5 s after the change")
                .isBetween(250.0, allowed(500, afterFrom, afterTo));
    }

    private static void setWebhookLimit(int perSecond) {
        var put = api.put("/v1/admin/rate-limits/" + BUCKET,
                Map.of("capacity", perSecond / 20, "refillTokens", perSecond, "refillPeriod", "PT1S"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private static void importRecipients(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "rated-" + i;
            lines.add(Api.json(Map.of("id", id, "tier", "rated", "contacts",
                    Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET)))));
        }
        assertThat(api.postNdjson("/v1/recipients:import", lines).status()).isEqualTo(200);
        assertThat(api.put("/v1/segments/rated", Map.of("match", Map.of("tier", List.of("rated")))).status())
                .isEqualTo(201);
    }

    private static List<SandboxMessage> received() {
        return stack.sandbox().messages("webhook").stream().filter(m -> "INC-RATE".equals(m.incidentId())).toList();
    }

    /** 5% over what a bucket of {@code perSecond} (capacity {@code perSecond / 20}) lets through between the two. */
    private static double allowed(int perSecond, Instant from, Instant to) {
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        assertThat(seconds).as("measured window (s)").isGreaterThan(2.0);
        return (perSecond + (perSecond / 20.0) / seconds) * 1.05;
    }

    private static double rate(List<Instant> arrivals, Instant from, Instant to) {
        long count = arrivals.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
        return count / (Duration.between(from, to).toNanos() / 1e9);
    }
}
