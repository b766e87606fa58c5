package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.crashLoadGeneratorIf;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGenerator;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Status page storm during a broadcast (the {@code status-storm-benchmark} profile runs it against a stack it starts).
 * Phase 1: imports {@code statusStorm.recipients} webhook recipients, opens a public incident and broadcasts it to
 * all of them once to warm up (JIT, pools, caches), then a new version alone, timing submit until the sandbox
 * received every message. Phase 2: an open arrival rate of
 * {@code statusStorm.rate} status page reads per second (new visitors, no key: the HTML page, summary.json,
 * incidents.json, history.atom and the other Statuspage documents; ramped over {@code statusStorm.rampSeconds},
 * then steady) and, {@code statusStorm.settleSeconds} into the steady rate, a new version broadcast to the same
 * recipients, timed the same way. The storm's reads are measured while that broadcast is under way; when it is
 * delivered the figures are printed and the run stops. The targets (p99 under 50 ms, the broadcast at 0.8 or more of
 * its rate alone) are reported, not asserted; the run fails when a broadcast does not complete.
 */
public class StatusStormBenchmarkSimulation extends Simulation {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int P99_TARGET_MS = 50;
    private static final double RATIO_TARGET = 0.8;

    private final int recipients = ClarionTarget.knob("statusStorm.recipients", 100_000);
    private final double rate = ClarionTarget.knob("statusStorm.rate", 10_000.0);
    private final Duration ramp = ClarionTarget.seconds("statusStorm.rampSeconds", 10);
    private final Duration settle = ClarionTarget.seconds("statusStorm.settleSeconds", 5);
    private final Duration timeout = ClarionTarget.seconds("statusStorm.timeoutSeconds", 1800);
    private final String tenant = System.getProperty("statusStorm.tenant", "default");
    private final String segment = ClarionTarget.scoped("storm");
    private final StormMeter storm = new StormMeter();

    /** What a timed broadcast is for: warming up (not reported), the rate alone, the rate during the storm. */
    private enum Phase { WARM_UP, ALONE, DURING_STORM }

    private volatile double aloneRate;
    private volatile double aloneSeconds;

    private final ChainBuilder target = exec(session -> session.set("tenant", tenant)
            .set("incidentId", segment.toUpperCase()).set("segment", segment));

    private final ScenarioBuilder alone = scenario("phase 1: broadcast alone").exec(target,
            AudienceChains.audience(segment, recipients, 20_000), StatusPageChains.PUBLIC_INCIDENT,
            crashLoadGeneratorIf("seeding failed", Session::isFailed),
            timedBroadcast(Phase.WARM_UP), IncidentChains.POST_UPDATE, timedBroadcast(Phase.ALONE));

    private final ScenarioBuilder duringStorm = scenario("phase 2: broadcast during the storm").exec(target,
            pause(ramp.plus(settle)), IncidentChains.POST_UPDATE, timedBroadcast(Phase.DURING_STORM), exec(this::printFigures),
            stopLoadGenerator("measured"));

    private final ScenarioBuilder reads = scenario("status page storm")
            .feed(StatusPageChains.documents())
            .exec(target, StatusPageChains.readInto(storm));

    {
        ClarionTarget.describe("status page storm benchmark", "recipients", recipients, "rate",
                String.format("%.0f/s", rate), "ramp", ramp, "settle", settle, "tenant", tenant);
        setUp(alone.injectOpen(atOnceUsers(1)).protocols(ClarionTarget.api())
                .andThen(duringStorm.injectOpen(atOnceUsers(1)).protocols(ClarionTarget.api()),
                        reads.injectOpen(rampUsersPerSec(1).to(rate).during(ramp),
                                constantUsersPerSec(rate).during(timeout)).protocols(visitors())))
                .assertions(details("broadcast completed").successfulRequests().count().is(3L));
    }

    /**
     * The public side: no key, a bounded pool of shared keep-alive connections as a CDN or a proxy in front of the
     * page would hold ({@code statusStorm.connections}); without the bound, an open model at thousands of new
     * visitors per second opens a socket per waiting visitor and the load generator runs out of file descriptors
     * before the gateway is measured.
     */
    private static io.gatling.javaapi.http.HttpProtocolBuilder visitors() {
        return http.baseUrl(ClarionTarget.URL).acceptHeader("text/html, application/json, application/atom+xml")
                .shareConnections().maxConnectionsPerHost(ClarionTarget.knob("statusStorm.connections", 256));
    }

    /** Submits a broadcast of the latest version and waits until the sandbox has every recipient's message. */
    private ChainBuilder timedBroadcast(Phase phase) {
        return exec(SandboxChains.WEBHOOKS_BEFORE,
                exec(session -> {
                    if (phase == Phase.DURING_STORM) {
                        storm.open();
                    }
                    return session.set("submittedAt", System.nanoTime()).set("webhooksNow", session.getInt("webhooksBefore"));
                }),
                BroadcastChains.SUBMIT,
                crashLoadGeneratorIf("the broadcast was refused", Session::isFailed),
                asLongAsDuring(session -> delivered(session) < recipients, timeout)
                        .on(pause(POLL).exec(SandboxChains.WEBHOOKS_NOW)),
                exec(session -> {
                    double seconds = (System.nanoTime() - session.getLong("submittedAt")) / 1e9;
                    if (phase == Phase.DURING_STORM) {
                        storm.close();
                    } else if (phase == Phase.ALONE) {
                        aloneSeconds = seconds;
                        aloneRate = delivered(session) / seconds;
                    }
                    return session.set("broadcastSeconds", seconds);
                }),
                BroadcastChains.awaitEnd(POLL, timeout), BroadcastChains.EXPECT_COMPLETED);
    }

    private static int delivered(Session session) {
        return session.getInt("webhooksNow") - session.getInt("webhooksBefore");
    }

    private Session printFigures(Session session) {
        double seconds = session.getDouble("broadcastSeconds");
        double duringRate = delivered(session) / seconds;
        double ratio = aloneRate == 0 ? 0 : duringRate / aloneRate;
        StormMeter.Figures f = storm.figures();
        long total = f.answered() + f.failed();
        System.out.printf("%n== status page storm benchmark: %,d recipients, %,.0f status reads/s offered ==%n", recipients, rate);
        System.out.printf("  broadcast alone          %,10.0f deliveries/s  (%,d in %.1f s, submit to last delivery)%n",
                aloneRate, recipients, aloneSeconds);
        System.out.printf("  broadcast during storm   %,10.0f deliveries/s  (%,d in %.1f s)%n", duringRate, recipients, seconds);
        System.out.printf("  ratio during/alone       %10.2f         (target >= %.1f: %s)%n", ratio, RATIO_TARGET,
                ratio >= RATIO_TARGET ? "met" : "MISSED");
        System.out.printf("  status page achieved     %,10.0f reads/s       (%,d in the %.1f s of the broadcast)%n",
                f.requestsPerSecond(), total, f.seconds());
        System.out.printf("  status page latency      p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (target p99 < %d ms: %s)%n",
                f.p50(), f.p95(), f.p99(), f.max(), P99_TARGET_MS, f.p99() < P99_TARGET_MS && f.answered() > 0 ? "met" : "MISSED");
        System.out.printf("  status page failures     %,d of %,d (%.2f%%)%n%n", f.failed(), total,
                total == 0 ? 0.0 : 100.0 * f.failed() / total);
        return session;
    }
}
