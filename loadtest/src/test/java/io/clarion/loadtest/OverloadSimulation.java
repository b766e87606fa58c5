package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Overload: {@code overload.factor} (1.5) times the saturation rate {@code overload.saturationRate}
 * (submissions/s the stack sustains; find it with the submit storm) for {@code overload.seconds}. The
 * gateway must keep answering, within bounded latency: each submission is either accepted (202) or
 * refused with 429/503 and a {@code Retry-After}; anything else, and any timeout, is a failure. Passes
 * when p99 stays under {@code overload.p99Ms} and under {@code overload.maxFailedPercent} fail. How many
 * were accepted and shed is printed at the end.
 */
public class OverloadSimulation extends Simulation {
    private final double saturation = ClarionTarget.knob("overload.saturationRate", 100.0);
    private final double factor = ClarionTarget.knob("overload.factor", 1.5);
    private final Duration ramp = ClarionTarget.seconds("overload.rampSeconds", 10);
    private final Duration steady = ClarionTarget.seconds("overload.seconds", 45);
    private final int p99Ms = ClarionTarget.knob("overload.p99Ms", 2000);
    private final double maxFailedPercent = ClarionTarget.knob("overload.maxFailedPercent", 1.0);
    private final String segment = ClarionTarget.scoped("overload");
    private final String incident = segment.toUpperCase();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

    private final ChainBuilder overloadTarget = exec(session -> session.set("incidentId", incident).set("segment", segment));

    private final ScenarioBuilder seed = scenario("seed overload")
            .exec(overloadTarget, AudienceChains.audience(segment, 1, 1), IncidentChains.INCIDENT_WITH_UPDATE);

    private final ScenarioBuilder overload = scenario("overload")
            .exec(overloadTarget, BroadcastChains.SUBMIT_OR_BE_SHED, exec(this::countAnswer));

    {
        double rate = saturation * factor;
        ClarionTarget.describe("overload", "rate", String.format("%.0f/s", rate), "saturation", saturation,
                "steady", steady, "p99Ms", p99Ms);
        setUp(seed.injectOpen(atOnceUsers(1)).andThen(overload.injectOpen(
                rampUsersPerSec(1).to(rate).during(ramp), constantUsersPerSec(rate).during(steady))))
                .protocols(ClarionTarget.api())
                .assertions(global().responseTime().percentile(99.0).lt(p99Ms),
                        global().failedRequests().percent().lte(maxFailedPercent));
    }

    private Session countAnswer(Session session) {
        String answer = session.contains("answer") ? session.getString("answer") : "no answer";
        answers.computeIfAbsent(answer, key -> new LongAdder()).increment();
        return session;
    }

    @Override
    public void after() {
        long total = answers.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("%nloadtest: overload answers (%,d submissions)%n", total);
        answers.forEach((answer, count) -> System.out.printf("  %-10s %,8d  %5.1f%%%n", answer, count.sum(),
                100.0 * count.sum() / Math.max(1, total)));
    }
}
