package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * Status page storm: the traffic a public status page takes during an incident. After one public incident is
 * opened on tenant {@code statusStorm.tenant} (default {@code default}, the local run's key's tenant), an open
 * arrival rate of {@code statusStorm.rate} reads per second (each a new visitor, no key, no validators: the
 * worst case for the gateway) of the HTML page, the Statuspage JSON and the Atom feed, for
 * {@code statusStorm.seconds}. Passes when p99 stays under {@code statusStorm.p99Ms} and under
 * {@code statusStorm.maxFailedPercent} fail. All the load comes from one address, so the gateway must run with
 * the per-address limit raised or off ({@code CLARION_STATUSPAGE_RATELIMIT_ENABLED=false}).
 */
public class StatusPageStormSimulation extends Simulation {
    private final double rate = ClarionTarget.knob("statusStorm.rate", 2000.0);
    private final Duration ramp = ClarionTarget.seconds("statusStorm.rampSeconds", 10);
    private final Duration steady = ClarionTarget.seconds("statusStorm.seconds", 30);
    private final int p99Ms = ClarionTarget.knob("statusStorm.p99Ms", 50);
    private final double maxFailedPercent = ClarionTarget.knob("statusStorm.maxFailedPercent", 1.0);
    private final String tenant = System.getProperty("statusStorm.tenant", "default");
    private final String incident = ClarionTarget.scoped("status-storm").toUpperCase();

    private final ChainBuilder target = exec(session -> session.set("tenant", tenant).set("incidentId", incident));

    private final ScenarioBuilder seed = scenario("seed status page")
            .exec(target, StatusPageChains.PUBLIC_INCIDENT);

    private final ScenarioBuilder storm = scenario("status page storm")
            .feed(StatusPageChains.documents())
            .exec(target, StatusPageChains.READ);

    /** The public side: no key, shared connections as a CDN or many keep-alive browsers would. */
    private static HttpProtocolBuilder visitors() {
        return http.baseUrl(ClarionTarget.URL).acceptHeader("text/html, application/json, application/atom+xml")
                .shareConnections();
    }

    {
        ClarionTarget.describe("status page storm", "rate", String.format("%.0f/s", rate), "tenant", tenant,
                "steady", steady, "p99Ms", p99Ms);
        setUp(seed.injectOpen(atOnceUsers(1)).protocols(ClarionTarget.api())
                .andThen(storm.injectOpen(rampUsersPerSec(1).to(rate).during(ramp), constantUsersPerSec(rate).during(steady))
                        .protocols(visitors())))
                .assertions(global().responseTime().percentile(99.0).lt(p99Ms),
                        global().failedRequests().percent().lte(maxFailedPercent));
    }
}
