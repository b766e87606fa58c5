package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The public status page of tenant {@code #{tenant}}, as browsers, widgets and feed readers read it (no key). */
final class StatusPageChains {
    /** What an incident's readers ask for, about in proportion: mostly the page and the widget's summary. */
    static final List<String> DOCUMENTS = List.of("", "", "", "/api/v2/summary.json", "/api/v2/summary.json",
            "/api/v2/status.json", "/api/v2/components.json", "/api/v2/incidents.json",
            "/api/v2/incidents/unresolved.json", "/history.atom");

    private StatusPageChains() {
    }

    /** An endless feeder of {@code document} paths, in {@link #DOCUMENTS}' proportions. */
    static Iterator<Map<String, Object>> documents() {
        AtomicLong next = new AtomicLong();
        Supplier<Map<String, Object>> one = () -> Map.of("document",
                DOCUMENTS.get((int) (next.getAndIncrement() % DOCUMENTS.size())));
        return Stream.generate(one).iterator();
    }

    /** A public incident on the {@code api} component of the tenant (needs the API protocol and a write key). */
    static final ChainBuilder PUBLIC_INCIDENT = exec(
            http("put component").put("/v1/components/api")
                    .body(StringBody("{\"name\": \"Public API\", \"service\": \"api\", \"group\": \"Core\"}"))
                    .check(status().in(200, 201)),
            http("put incident").put("/v1/incidents/#{incidentId}")
                    .body(StringBody("{\"title\": \"Load test: elevated API errors\", \"severity\": \"SEV2\","
                            + " \"services\": [\"api\"], \"public\": true}"))
                    .check(status().in(200, 201)),
            http("post update").post("/v1/incidents/#{incidentId}/updates")
                    .body(StringBody("{\"status\": \"identified\", \"body\": \"A bad deploy is being rolled back.\"}"))
                    .check(status().is(201)));

    /** One public read; 200, or 304 when a validator matched. A 429 is a failure: run with the limit raised. */
    static final ChainBuilder READ = exec(http("status page").get("/status/#{tenant}#{document}")
            .check(status().in(200, 304)));

    /** {@link #READ}, its response time (or its failure) recorded into {@code meter}. */
    static ChainBuilder readInto(StormMeter meter) {
        return exec(http("status page").get("/status/#{tenant}#{document}")
                .check(responseTimeInMillis().saveAs("responseMs"), status().in(200, 304)))
                .exec(session -> {
                    meter.record(session.isFailed(), session.contains("responseMs") ? session.getInt("responseMs") : null);
                    return session;
                });
    }
}
