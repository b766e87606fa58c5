package io.clarion.standalone.benchmark;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Templates and redaction on versus off, in one run over one audience ({@code -Dbenchmark.templates=compare}):
 * after a warm-up broadcast to at most {@value #WARM_UP} recipients (not measured), the seeded segment is sent a
 * SEV1 update four times in the order off, on, on, off (so a drift during the run, the JIT still warming or the
 * machine getting busier, weighs on both sides alike), each measured as the plain fan-out benchmark measures it:
 * <ol>
 *   <li><b>off</b>: no template, the tenant's redaction off ({@code builtIn: false}, no rules): the built-in text;</li>
 *   <li><b>on</b>: a template in {@code en} and {@code de} (half of the audience reads each) with parts for every
 *       channel and a tracked {@code statusUrl}, the built-in redaction rules and two tenant rules, over the same
 *       body.</li>
 * </ol>
 * It prints every run's figures and then deliveries/s of each and the ratio of the means (on / off; the issue's
 * target is at least 0.9). The dispatcher reads templates and rules every second here ({@link #ENGINE_SETTINGS}), so a settings
 * change applies to the next run after {@link #SETTLE_MILLIS};
 * each run's figures are its own update version's ({@link ReceivedLog}), so the runs need no clearing in between.
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
    private final ReceivedLog received;
    private final int recipients;
    private final List<String> channels;

    TemplatesComparison(GatewayClient gateway, ReceivedLog received, int recipients, List<String> channels) {
        this.gateway = requireNonNull(gateway, "gateway");
        this.received = requireNonNull(received, "received");
        this.recipients = recipients;
        this.channels = List.copyOf(channels);
    }

    int run() throws InterruptedException {
        // JIT, connection pools and consumers warm, so the first measured run is not penalized
        new WarmUp(gateway, channels).run(Math.min(recipients, WARM_UP));
        List<FanOutBenchmark.Measured> offs = new java.util.ArrayList<>();
        List<FanOutBenchmark.Measured> ons = new java.util.ArrayList<>();
        offs.add(off());
        ons.add(on());
        ons.add(on());
        offs.add(off());
        report(offs, ons);
        return java.util.stream.Stream.concat(offs.stream(), ons.stream())
                .mapToInt(FanOutBenchmark.Measured::exitCode).max().orElse(0);
    }

    private FanOutBenchmark.Measured off() throws InterruptedException {
        gateway.put("/v1/settings", Map.of("redaction", Map.of("builtIn", false, "rules", List.of())));
        int version = update(PLAIN, Map.of());
        Thread.sleep(SETTLE_MILLIS);
        System.out.printf("%nbenchmark: templates and redaction OFF%n");
        return FanOutBenchmark.measure(gateway, received, recipients, channels, version, PLAIN);
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
        return FanOutBenchmark.measure(gateway, received, recipients, channels, version, TEMPLATED);
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
        Map<String, Object> body = new java.util.HashMap<>(template);
        body.put("status", "identified");
        body.put("body", BODY);
        return BenchmarkSeed.incidentWithUpdate(gateway, incident, "Benchmark: API latency", "SEV1", body);
    }

    private void report(List<FanOutBenchmark.Measured> offs, List<FanOutBenchmark.Measured> ons) {
        FigureTable table = new FigureTable("templates and redaction: on vs off, " + String.format("%,d", recipients)
                + " recipients on " + String.join(", ", channels));
        String[] order = {"off 1", "on 1", "on 2", "off 2"};
        List<FanOutBenchmark.Measured> runs = List.of(offs.get(0), ons.get(0), ons.get(1), offs.get(1));
        for (int i = 0; i < runs.size(); i++) {
            table.add(order[i] + ": throughput first..last", runs.get(i).deliveries().perSecondFirstToLast(),
                    "deliveries/s (" + runs.get(i).outcome().status() + ")");
        }
        double off = mean(offs, true);
        double on = mean(ons, true);
        double offFromSubmit = mean(offs, false);
        double onFromSubmit = mean(ons, false);
        table.add("off (mean): throughput first..last", off, "deliveries/s")
                .add("on (mean): throughput first..last", on, "deliveries/s")
                .add("ratio on/off first..last", off <= 0 ? 0 : on / off, "(target >= 0.9)")
                .add("ratio on/off submit..last", offFromSubmit <= 0 ? 0 : onFromSubmit / offFromSubmit, "")
                .note("off: no template, redaction off; on: two-locale template with statusUrl, built-in and two "
                        + "tenant redaction rules; same audience, same body; order off, on, on, off after a warm-up")
                .print(System.out);
    }

    private static double mean(List<FanOutBenchmark.Measured> runs, boolean fromFirst) {
        return runs.stream().mapToDouble(run -> fromFirst ? run.deliveries().perSecondFirstToLast()
                : run.deliveries().perSecondFromSubmission()).average().orElse(0);
    }
}
