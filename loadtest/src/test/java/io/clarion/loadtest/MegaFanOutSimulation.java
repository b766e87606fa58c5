package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Mega fan-out: imports {@code fanout.recipients} (default 100,000; 1,000,000 works) webhook recipients
 * through the streaming import in chunks of {@code fanout.chunk}, submits one broadcast to all of them and
 * watches it until it completes. The report's groups time it: {@code until first delivery} (submit until
 * the sandbox has received a first message of it) and {@code first to last delivery} (until every
 * recipient's message arrived); both, with the delivery rate, are also printed at the end. Fails when the
 * broadcast does not complete within {@code fanout.timeoutSeconds} or any request fails.
 */
public class MegaFanOutSimulation extends Simulation {
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration LAST_POLL = Duration.ofMillis(250);

    private final int recipients = ClarionTarget.knob("fanout.recipients", 100_000);
    private final int chunk = ClarionTarget.knob("fanout.chunk", 20_000);
    private final Duration timeout = ClarionTarget.seconds("fanout.timeoutSeconds", 1800);
    private final String segment = ClarionTarget.scoped("fanout");

    private final ChainBuilder seed = group("seed audience").on(exec(
            exec(session -> session.set("incidentId", segment.toUpperCase()).set("segment", segment)),
            AudienceChains.audience(segment, recipients, chunk),
            IncidentChains.INCIDENT_WITH_UPDATE));

    private final ChainBuilder untilFirstDelivery = group("until first delivery").on(exec(
            SandboxChains.WEBHOOKS_BEFORE,
            exec(session -> session.set("submittedAt", System.nanoTime()).set("webhooksNow", session.getInt("webhooksBefore"))),
            BroadcastChains.SUBMIT,
            asLongAsDuring(session -> delivered(session) == 0, timeout).on(pause(FIRST_POLL).exec(SandboxChains.WEBHOOKS_NOW)),
            exec(session -> session.set("firstAt", System.nanoTime()))));

    private final ChainBuilder untilLastDelivery = group("first to last delivery").on(exec(
            asLongAsDuring(session -> delivered(session) < recipients, timeout)
                    .on(pause(LAST_POLL).exec(SandboxChains.WEBHOOKS_NOW)),
            exec(session -> session.set("lastAt", System.nanoTime()))));

    private final ChainBuilder report = exec(BroadcastChains.awaitEnd(LAST_POLL, timeout), BroadcastChains.EXPECT_COMPLETED,
            exec(this::printFigures));

    private final ScenarioBuilder fanOut = scenario("mega fan-out").exec(seed, untilFirstDelivery, untilLastDelivery, report);

    {
        ClarionTarget.describe("mega fan-out", "recipients", recipients, "chunk", chunk, "timeout", timeout);
        setUp(fanOut.injectOpen(atOnceUsers(1)))
                .protocols(ClarionTarget.api())
                .assertions(global().failedRequests().count().is(0L),
                        details("broadcast completed").successfulRequests().count().is(1L));
    }

    private static int delivered(Session session) {
        return session.getInt("webhooksNow") - session.getInt("webhooksBefore");
    }

    private Session printFigures(Session session) {
        long submitted = session.getLong("submittedAt");
        double firstMs = (session.getLong("firstAt") - submitted) / 1e6;
        double lastMs = (session.getLong("lastAt") - submitted) / 1e6;
        System.out.printf("%nloadtest: mega fan-out of %,d recipients: broadcast %s%n"
                        + "  time to first delivery  %,10.0f ms (polled every %d ms)%n"
                        + "  time to last delivery   %,10.0f ms (polled every %d ms)%n"
                        + "  deliveries/s (submit..last) %,8.0f%n",
                recipients, session.getString("broadcastId"), firstMs, FIRST_POLL.toMillis(), lastMs,
                LAST_POLL.toMillis(), recipients / (lastMs / 1000.0));
        return session;
    }
}
