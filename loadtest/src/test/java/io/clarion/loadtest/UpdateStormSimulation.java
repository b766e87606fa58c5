package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Update storm: {@code updates.incidents} incidents (arriving over {@code updates.rampSeconds}), each
 * posting a new version and broadcasting it to a shared audience of {@code updates.recipients} every
 * {@code updates.minPauseMs}..{@code updates.maxPauseMs} for {@code updates.seconds}, so new versions land
 * while older broadcasts of the same incident are still in flight and get superseded. Each incident's last
 * broadcast must then complete. Assertions on p99 and failed requests as in the submit storm.
 *
 * <p>The incidents are {@code updates.severity} (SEV1): a SEV1 skips the recipients' anti-fatigue limit
 * (20 per hour by default). With SEV2 the storm spends every recipient's tokens within seconds, so each
 * incident's newest version waits, deferred, until the recipient's bucket refills: correct, but the last
 * broadcasts then complete only an hour later.
 */
public class UpdateStormSimulation extends Simulation {
    private final int incidents = ClarionTarget.knob("updates.incidents", 20);
    private final Duration ramp = ClarionTarget.seconds("updates.rampSeconds", 5);
    private final Duration steady = ClarionTarget.seconds("updates.seconds", 30);
    private final int audience = ClarionTarget.knob("updates.recipients", 20);
    private final String severity = ClarionTarget.severity("updates.severity", "SEV1");
    private final Duration minPause = Duration.ofMillis(ClarionTarget.knob("updates.minPauseMs", 200));
    private final Duration maxPause = Duration.ofMillis(ClarionTarget.knob("updates.maxPauseMs", 500));
    private final int p99Ms = ClarionTarget.knob("updates.p99Ms", 1000);
    private final double maxFailedPercent = ClarionTarget.knob("updates.maxFailedPercent", 1.0);
    private final String segment = ClarionTarget.scoped("updates");

    private final ChainBuilder ownIncident = exec(session -> session
            .set("incidentId", segment.toUpperCase() + "-" + session.userId()).set("segment", segment));

    private final ChainBuilder newVersionBroadcast = exec(IncidentChains.POST_UPDATE, BroadcastChains.SUBMIT);

    private final ScenarioBuilder seed = scenario("seed update storm")
            .exec(AudienceChains.audience(segment, audience, audience));

    private final ScenarioBuilder storm = scenario("update storm").exec(
            ownIncident, IncidentChains.openIncident(severity),
            during(steady).on(newVersionBroadcast, pause(minPause, maxPause)),
            BroadcastChains.awaitEnd(Duration.ofMillis(500), Duration.ofMinutes(5)),
            BroadcastChains.EXPECT_COMPLETED);

    {
        ClarionTarget.describe("update storm", "incidents", incidents, "severity", severity, "steady", steady,
                "recipients", audience,
                "pause", minPause.toMillis() + ".." + maxPause.toMillis() + "ms", "p99Ms", p99Ms);
        setUp(seed.injectOpen(atOnceUsers(1)).andThen(storm.injectOpen(rampUsers(incidents).during(ramp))))
                .protocols(ClarionTarget.api())
                .assertions(global().responseTime().percentile(99.0).lt(p99Ms),
                        global().failedRequests().percent().lte(maxFailedPercent),
                        details("broadcast completed").successfulRequests().count().is((long) incidents));
    }
}
