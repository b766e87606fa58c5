package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Submit storm: after seeding a small audience and one incident, an open arrival rate of broadcast
 * submissions, each with a random {@code Idempotency-Key}: a ramp from 1/s to {@code storm.rate} over
 * {@code storm.rampSeconds}, then {@code storm.rate}/s for {@code storm.seconds}. Passes when the
 * 99th percentile of response times stays under {@code storm.p99Ms} and under {@code storm.maxFailedPercent}
 * of requests fail.
 */
public class SubmitStormSimulation extends Simulation {
    private final int rate = ClarionTarget.knob("storm.rate", 20);
    private final Duration ramp = ClarionTarget.seconds("storm.rampSeconds", 10);
    private final Duration steady = ClarionTarget.seconds("storm.seconds", 30);
    private final int audience = ClarionTarget.knob("storm.recipients", 5);
    private final int p99Ms = ClarionTarget.knob("storm.p99Ms", 1000);
    private final double maxFailedPercent = ClarionTarget.knob("storm.maxFailedPercent", 1.0);
    private final String segment = ClarionTarget.scoped("storm");
    private final String incident = ClarionTarget.scoped("storm").toUpperCase();

    private final ChainBuilder stormTarget = exec(session -> session.set("incidentId", incident).set("segment", segment));

    private final ScenarioBuilder seed = scenario("seed submit storm")
            .exec(stormTarget, AudienceChains.audience(segment, audience, audience), IncidentChains.INCIDENT_WITH_UPDATE);

    private final ScenarioBuilder storm = scenario("submit storm").exec(stormTarget, BroadcastChains.SUBMIT);

    {
        ClarionTarget.describe("submit storm", "rate", rate + "/s", "ramp", ramp, "steady", steady,
                "recipients", audience, "p99Ms", p99Ms);
        setUp(seed.injectOpen(atOnceUsers(1))
                .andThen(storm.injectOpen(rampUsersPerSec(1).to(rate).during(ramp), constantUsersPerSec(rate).during(steady))))
                .protocols(ClarionTarget.api())
                .assertions(global().responseTime().percentile(99.0).lt(p99Ms),
                        global().failedRequests().percent().lte(maxFailedPercent));
    }
}
