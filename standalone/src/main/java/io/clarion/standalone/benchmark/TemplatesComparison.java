package io.clarion.standalone.benchmark;

import static java.util.Objects.requireNonNull;

import io.clarion.devstack.sandbox.ProviderSandbox;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Templates and redaction on versus off, in one run over one audience ({@code -Dbenchmark.templates=compare}):
 * after a warm-up broadcast to at most {@value #WARM_UP} recipients (not measured), the seeded segment is sent one
 * SEV1 update twice, each to be measured as the plain fan-out benchmark measures it:
 * <ol>
 *   <li><b>off</b>: no template, the tenant's redaction off ({@code builtIn: false}, no rules): the built-in text;</li>
 *   <li><b>on</b>: a template in {@code en} and {@code de} (half of the audience reads each) with parts for every
 *       channel and a tracked {@code statusUrl}, the built-in redaction rules and two tenant rules, over the same
 *       body.</li>
 * </ol>
 * It prints both runs' figures and then deliveries/s of each and their ratio (on / off; the target is at
 * least 0.9). The dispatcher reads templates and rules every second here ({@link #ENGINE_SETTINGS}), so a settings
 * change applies to the next run after {@link #SETTLE_MILLIS}; the sandbox inbox is cleared between runs.
 */
final class TemplatesComparison {
    /** Dispatcher settings of this mode: a changed template or rule applies within a second. */
    static final Map<String, Object> ENGINE_SETTINGS = Map.of("clarion.redaction.rules-ttl", "1s",
            "clarion.templates.ttl", "1s");
    private static final int WARM_UP = 1_000;
    private static final long SETTLE_MILLIS = 2_500;
    private static final String PLAIN = "INC-BENCH-PLAIN";
    private static final String TEMPLATED = "INC-BENCH-TEMPLATED";
    private static final String BODY = "Elevated API latency on db-7.prod.internal (10.0.3.7, JIRA-4711); a fix is "
            + "being rolled out.";

    private final GatewayClient gateway;
    private final ProviderSandbox sandbox;
    private final int recipients;
    private final List<String> channels;

    TemplatesComparison(GatewayClient gateway, ProviderSandbox sandbox, int recipients, List<String> channels) {
        this.gateway = requireNonNull(gateway, "gateway");
        this.sandbox = requireNonNull(sandbox, "sandbox");
        this.recipients = recipients;
        this.channels = List.copyOf(channels);
    }

    int run() throws InterruptedException {
        warmUp();
        FanOutBenchmark.Measured off = off();
        sandbox.clear();
        FanOutBenchmark.Measured on = on();
        sandbox.clear();
        report(off, on);
        return Math.max(off.exitCode(), on.exitCode());
    }

    /** JIT, connection pools and consumers warmed on the seeded update, so the first measured run is not penalized. */
    private void warmUp() throws InterruptedException {
        List<String> ids = IntStream.range(0, Math.min(recipients, WARM_UP)).mapToObj(BenchmarkSeed::recipientId).toList();
        System.out.printf("%nbenchmark: warm-up broadcast of %s to %,d recipients (not measured)%n",
                BenchmarkSeed.INCIDENT, ids.size());
        BroadcastWatch.Outcome warmUp = new BroadcastWatch(gateway).broadcastTo(BenchmarkSeed.INCIDENT,
                Map.of("recipients", ids), channels);
        System.out.printf("benchmark: warm-up %s in %.1f s%n", warmUp.status(),
                FanOutBenchmark.seconds(warmUp.elapsed()));
        sandbox.clear();
    }

    private FanOutBenchmark.Measured off() throws InterruptedException {
        gateway.put("/v1/settings", Map.of("redaction", Map.of("builtIn", false, "rules", List.of())));
        int version = update(PLAIN, Map.of());
        Thread.sleep(SETTLE_MILLIS);
        System.out.printf("%nbenchmark: templates and redaction OFF%n");
        return FanOutBenchmark.measure(gateway, sandbox, recipients, channels, version, PLAIN);
    }

    private FanOutBenchmark.Measured on() throws InterruptedException {
        gateway.put("/v1/settings", Map.of("statusPageUrl", "https://status.bench.example.com/?ref=mail",
                "defaultLocale", "en", "redaction", Map.of("builtIn", true, "rules", List.of(
                        Map.of("name", "ticket", "pattern", "JIRA-[0-9]+", "replacement", "[ref]"),
                        Map.of("name", "customer", "pattern", "cust-[0-9]{6}", "replacement", "[customer]")))));
        template("en", "Update", "ETA");
        template("de", "Aktualisierung", "Voraussichtlich");
        int version = update(TEMPLATED, Map.of("template", "bench", "variables", Map.of("eta", "14:00 UTC")));
        Thread.sleep(SETTLE_MILLIS);
        System.out.printf("%nbenchmark: templates and redaction ON (two locales, status link, tenant rules)%n");
        return FanOutBenchmark.measure(gateway, sandbox, recipients, channels, version, TEMPLATED);
    }

    private void template(String locale, String update, String eta) {
        String text = update + ": {{incident.title}} ({{update.status}}). {{update.body}} " + eta
                + " {{variables.eta}}. {{statusUrl}}";
        gateway.put("/v1/templates/bench/locales/" + locale, Map.of(
                "email", Map.of("subject", "[{{incident.severity}}] {{incident.title}}", "text", text,
                        "html", "<h1>{{incident.title}}</h1><p>{{update.body}}</p><a href=\"{{statusUrl}}\">"
                                + update + "</a>"),
                "sms", Map.of("text", text),
                "push", Map.of("title", "{{incident.title}}", "body", update + ": {{update.body}}"),
                "webhook", Map.of("title", "{{incident.title}}", "body", text)));
    }

    private int update(String incident, Map<String, Object> template) {
        gateway.put("/v1/incidents/" + incident, Map.of("title", "Benchmark: API latency", "severity", "SEV1",
                "tags", List.of("degradation"), "services", List.of("api")));
        Map<String, Object> body = new java.util.HashMap<>(template);
        body.put("status", "identified");
        body.put("body", BODY);
        return ((Number) gateway.post("/v1/incidents/" + incident + "/updates", body).get("version")).intValue();
    }

    private void report(FanOutBenchmark.Measured off, FanOutBenchmark.Measured on) {
        double offRate = off.deliveries().perSecondFirstToLast();
        double onRate = on.deliveries().perSecondFirstToLast();
        double offFromSubmit = off.deliveries().perSecondFromSubmission();
        double onFromSubmit = on.deliveries().perSecondFromSubmission();
        new FigureTable("templates and redaction: on vs off, " + String.format("%,d", recipients) + " recipients on "
                + String.join(", ", channels))
                .add("off: throughput first..last", offRate, "deliveries/s (" + off.outcome().status() + ")")
                .add("on: throughput first..last", onRate, "deliveries/s (" + on.outcome().status() + ")")
                .add("ratio on/off first..last", offRate <= 0 ? 0 : onRate / offRate, "(target >= 0.9)")
                .add("off: throughput submit..last", offFromSubmit, "deliveries/s")
                .add("on: throughput submit..last", onFromSubmit, "deliveries/s")
                .add("ratio on/off submit..last", offFromSubmit <= 0 ? 0 : onFromSubmit / offFromSubmit, "")
                .note("off: no template, redaction off; on: two-locale template with statusUrl, built-in and two "
                        + "tenant redaction rules; same audience, same body, off measured first, after a warm-up")
                .print(System.out);
    }
}
