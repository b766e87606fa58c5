package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.map;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Blackout windows over HTTP on the real stack, with the engine's clock set by the test: a held delivery is
 * counted {@code deferred} and waits in the retry topic (no partition held) until its window ends; an override
 * severity goes out at once; daily windows are read in each recipient's time zone; a newer version that arrives
 * during the window supersedes the held one.
 */
@ExtendWith(DevStackExtension.class)
class BlackoutEndToEndTest {
    private static final String KEY = "blackout-key";
    /** 14:30 UTC: 23:30 in Tokyo, 15:30 in Berlin. */
    private static final Instant AFTERNOON = Instant.parse("2026-01-15T14:30:00Z");
    private static final Duration SOON = Duration.ofSeconds(60);

    private static final AdjustableClock CLOCK = new AdjustableClock();
    private static DevStack stack;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        CLOCK.set(AFTERNOON);
        engine = Engine.start(stack, stack.newNamespace("blackout"), 0, KEY, Map.of(
                "clarion.blackouts.refresh", "200ms",
                "clarion.blackouts.max-hold", "1s"), CLOCK);
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void removeBlackouts() {
        List<Map<String, Object>> blackouts = list();
        blackouts.forEach(b -> assertThat(api.delete("/v1/blackouts/" + b.get("name")).status()).isEqualTo(204));
    }

    @Test
    void aDeliveryInsideAnAbsoluteWindowIsDeferredAndDeliveredWhenItEndsWhileAnOverrideSeverityGoesOutAtOnce() {
        CLOCK.set(AFTERNOON);
        recipient("bo-abs", "Europe/Berlin", "freeze-test");
        segment("freeze-test");
        blackout("freeze", Map.of("start", "2026-01-15T14:00:00Z", "end", "2026-01-15T16:00:00Z"), "freeze-test");
        api.incidentWithUpdate("INC-BO-ABS", "SEV3", "investigating", "held by the freeze");
        api.incidentWithUpdate("INC-BO-URGENT", "SEV1", "investigating", "goes out at once");

        assertThat(suppressed(preview("INC-BO-ABS", "bo-abs"))).containsEntry("blackout", 1);
        assertThat(suppressed(preview("INC-BO-URGENT", "bo-abs"))).containsEntry("blackout", 0);
        String held = api.broadcast("INC-BO-ABS", List.of("bo-abs"), List.of("webhook"));
        String urgent = api.broadcast("INC-BO-URGENT", List.of("bo-abs"), List.of("webhook"));

        assertThat(Api.counts(api.awaitCompleted(urgent, SOON))).containsEntry("sent", 1L);
        Map<String, Long> waiting = awaitDeferred(held, 1);
        assertThat(waiting).containsEntry("pending", 1L).containsEntry("sent", 0L);
        assertThat(messages("INC-BO-ABS")).as("nothing sent during the window").isEmpty();

        CLOCK.advance(Duration.ofMinutes(90));
        assertThat(Api.counts(api.awaitCompleted(held, SOON))).containsEntry("sent", 1L).containsEntry("deferred", 0L);
        await().atMost(SOON).untilAsserted(() -> assertThat(messages("INC-BO-ABS")).hasSize(1));

        assertThat(overall().get("deferred")).as("KPIs: deliveries that waited, by reason")
                .asInstanceOf(map(String.class, Integer.class))
                .hasEntrySatisfying("blackout", n -> assertThat(n).isPositive());
    }

    @Test
    void aDailyWindowIsReadInEachRecipientsTimeZone() {
        CLOCK.set(AFTERNOON);
        recipient("bo-tokyo", "Asia/Tokyo", "night-test");
        recipient("bo-berlin", "Europe/Berlin", "night-test");
        segment("night-test");
        blackout("nights", Map.of("dailyFrom", "22:00", "dailyTo", "07:00"), "night-test");
        api.incidentWithUpdate("INC-BO-DAILY", "SEV3", "investigating", "quiet hours");

        String id = api.broadcast("INC-BO-DAILY", List.of("bo-tokyo", "bo-berlin"), List.of("webhook"));

        await().atMost(SOON).untilAsserted(() -> assertThat(messages("INC-BO-DAILY"))
                .extracting(SandboxMessage::recipient).containsExactly("bo-berlin"));
        assertThat(awaitDeferred(id, 1)).containsEntry("sent", 1L).containsEntry("pending", 1L);
        assertThat(messages("INC-BO-DAILY")).as("23:30 in Tokyo: held").hasSize(1);

        CLOCK.set(Instant.parse("2026-01-15T22:00:05Z")); // 07:00:05 in Tokyo
        assertThat(Api.counts(api.awaitCompleted(id, SOON))).containsEntry("sent", 2L);
        await().atMost(SOON).untilAsserted(() -> assertThat(messages("INC-BO-DAILY"))
                .extracting(SandboxMessage::recipient).containsExactly("bo-berlin", "bo-tokyo"));
    }

    @Test
    void aNewerVersionArrivingDuringTheWindowSupersedesTheHeldOneAndOnlyItIsDelivered() {
        CLOCK.set(AFTERNOON);
        recipient("bo-super", "Europe/Berlin", "supersede-test");
        segment("supersede-test");
        blackout("maintenance", Map.of("start", "2026-01-15T14:00:00Z", "end", "2026-01-15T15:00:00Z"),
                "supersede-test");
        api.incidentWithUpdate("INC-BO-SUP", "SEV3", "investigating", "first word");
        String first = api.broadcast("INC-BO-SUP", List.of("bo-super"), List.of("webhook"));
        awaitDeferred(first, 1);

        assertThat(api.post("/v1/incidents/INC-BO-SUP/updates", Map.of("status", "identified", "body", "second word"))
                .status()).isEqualTo(201);
        String second = api.broadcast("INC-BO-SUP", List.of("bo-super"), List.of("webhook"));
        awaitDeferred(second, 1);

        CLOCK.advance(Duration.ofMinutes(40));
        assertThat(Api.counts(api.awaitCompleted(first, SOON))).containsEntry("superseded", 1L).containsEntry("sent", 0L);
        assertThat(Api.counts(api.awaitCompleted(second, SOON))).containsEntry("sent", 1L);
        await().atMost(SOON).untilAsserted(() -> assertThat(messages("INC-BO-SUP"))
                .extracting(SandboxMessage::version).containsExactly(2L));
    }

    @Test
    void blackoutsAreValidatedListedAndDeleted() {
        segment("crud-test");
        Api.Response bad = api.put("/v1/blackouts/bad", Map.of("audience", Map.of("segments", List.of("crud-test")),
                "window", Map.of("start", "2026-01-15T16:00:00Z", "end", "2026-01-15T15:00:00Z"),
                "overrideSeverities", List.of("SEV0")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body()).contains("window.end").contains("overrideSeverities[0]");
        assertThat(api.put("/v1/blackouts/bad", Map.of("window", Map.of("dailyFrom", "22:00", "dailyTo", "7h")))
                .body()).contains("window.dailyTo");
        assertThat(api.put("/v1/blackouts/bad", Map.of("audience", Map.of("tier", List.of("gold")),
                "window", Map.of("dailyFrom", "22:00", "dailyTo", "07:00"))).status()).as("unknown audience shape")
                .isEqualTo(400);
        Api.Response unknown = api.put("/v1/blackouts/bad", Map.of("audience", Map.of("segments", List.of("nope")),
                "window", Map.of("dailyFrom", "22:00", "dailyTo", "07:00")));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("audience.segments[0]");
        assertThat(list()).as("a refused request stores nothing").isEmpty();

        blackout("weekly", Map.of("dailyFrom", "01:00", "dailyTo", "02:00"), "crud-test");
        assertThat(list()).singleElement().satisfies(b -> {
            assertThat(b).containsEntry("name", "weekly");
            assertThat(b.get("window")).isEqualTo(Map.of("dailyFrom", "01:00", "dailyTo", "02:00"));
        });
        assertThat(api.put("/v1/blackouts/weekly", Map.of("window", Map.of("dailyFrom", "01:00", "dailyTo", "03:00")))
                .status()).as("replaced").isEqualTo(200);
        Api other = otherTenantsAdmin();
        assertThat(other.get("/v1/blackouts").json().get("blackouts")).as("tenants never meet").isEqualTo(List.of());
        assertThat(other.delete("/v1/blackouts/weekly").status()).isEqualTo(404);
        assertThat(api.delete("/v1/blackouts/weekly").status()).isEqualTo(204);
        assertThat(api.delete("/v1/blackouts/weekly").status()).isEqualTo(404);
    }

    private static Api otherTenantsAdmin() {
        assertThat(api.post("/v1/admin/tenants", Map.of("id", "bo-other", "name", "Other")).status()).isEqualTo(201);
        Api.Response key = api.post("/v1/admin/api-keys", Map.of("name", "bo-other-admin", "tenant", "bo-other",
                "scopes", List.of("admin")));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return api.withKey((String) key.json().get("key"));
    }

    private static void recipient(String id, String timeZone, String team) {
        assertThat(api.put("/v1/recipients/" + id, Map.of("timeZone", timeZone, "attributes", Map.of("team", team),
                "contacts", Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET))))
                .status()).isIn(200, 201);
    }

    private static void segment(String team) {
        assertThat(api.put("/v1/segments/" + team, Map.of("match", Map.of("attributes.team", List.of(team))))
                .status()).isIn(200, 201);
    }

    private static void blackout(String name, Map<String, String> window, String segment) {
        Api.Response put = api.put("/v1/blackouts/" + name, Map.of("audience", Map.of("segments", List.of(segment)),
                "window", window, "overrideSeverities", List.of("SEV1")));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        // dispatchers read blackouts at most clarion.blackouts.refresh (200 ms here) after a change
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> true);
    }

    private static Map<String, Object> preview(String incident, String recipient) {
        Api.Response preview = api.post("/v1/broadcasts:preview", Map.of("incidentId", incident,
                "audience", Map.of("recipients", List.of(recipient)), "channels", List.of("webhook")));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        return preview.json();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> suppressed(Map<String, Object> preview) {
        return (Map<String, Object>) preview.get("suppressed");
    }

    private static Map<String, Long> awaitDeferred(String broadcast, long deferred) {
        AtomicReference<Map<String, Long>> counts = new AtomicReference<>();
        await().atMost(SOON).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            counts.set(Api.counts(api.get("/v1/broadcasts/" + broadcast).json()));
            assertThat(counts.get()).containsEntry("deferred", deferred);
        });
        return counts.get();
    }

    private static List<SandboxMessage> messages(String incident) {
        return stack.sandbox().messages("webhook").stream().filter(m -> incident.equals(m.incidentId())).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list() {
        Api.Response list = api.get("/v1/blackouts");
        assertThat(list.status()).isEqualTo(200);
        return (List<Map<String, Object>>) list.json().get("blackouts");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> overall() {
        Api.Response kpis = api.get("/v1/kpis");
        assertThat(kpis.status()).as(kpis.body()).isEqualTo(200);
        return (Map<String, Object>) kpis.json().get("overall");
    }
}
