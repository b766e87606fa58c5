package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;

/** Incidents and their versioned updates; the incident id is the session's {@code incidentId}. */
final class IncidentChains {
    private IncidentChains() {
    }

    /** Creates (or replaces) incident {@code #{incidentId}} with {@code severity}. */
    static ChainBuilder openIncident(String severity) {
        return exec(http("put incident").put("/v1/incidents/#{incidentId}")
                .body(StringBody("{\"title\": \"Load test: elevated API errors\", \"severity\": \"" + severity + "\","
                        + " \"tags\": [\"degradation\"], \"services\": [\"api\"]}"))
                .check(status().in(200, 201)));
    }

    /** Creates (or replaces) incident {@code #{incidentId}}, a SEV2. */
    static final ChainBuilder OPEN_INCIDENT = openIncident("SEV2");

    /** Posts the next update and keeps the version the gateway assigned as {@code #{version}}. */
    static final ChainBuilder POST_UPDATE = exec(http("post update").post("/v1/incidents/#{incidentId}/updates")
            .body(StringBody("{\"status\": \"identified\", \"body\": \"Update #{randomUuid()}: mitigation in progress.\"}"))
            .check(status().is(201), jmesPath("version").ofInt().saveAs("version")));

    /** A fresh incident with its first update. */
    static final ChainBuilder INCIDENT_WITH_UPDATE = exec(OPEN_INCIDENT).exec(POST_UPDATE);
}
