package io.clarion.loadtest;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * Where the scenarios point and how they are tuned: {@code -Dclarion.url} (gateway),
 * {@code -Dclarion.apiKey} and {@code -Dclarion.sandboxUrl} (the provider sandbox the recipients'
 * webhooks point at), plus per-scenario knobs read with {@link #knob} and {@link #seconds}. Every name
 * a run creates carries {@link #RUN_ID}, so runs against the same stack never collide.
 */
final class ClarionTarget {
    static final String URL = System.getProperty("clarion.url", "http://127.0.0.1:8080");
    static final String API_KEY = System.getProperty("clarion.apiKey", "clarion-dev-key");
    static final String SANDBOX_URL = System.getProperty("clarion.sandboxUrl", "http://127.0.0.1:8090");
    static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

    private ClarionTarget() {
    }

    /** The gateway API as an incident tool calls it: one shared connection pool, a bearer key, JSON. */
    static HttpProtocolBuilder api() {
        return http.baseUrl(URL)
                .authorizationHeader("Bearer " + API_KEY)
                .contentTypeHeader("application/json")
                .acceptHeader("application/json, application/problem+json")
                .shareConnections()
                .warmUp(URL + "/v1/incidents/warm-up");
    }

    static int knob(String name, int fallback) {
        int value = Integer.getInteger(name, fallback);
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    static double knob(String name, double fallback) {
        String raw = System.getProperty(name);
        double value = raw == null || raw.isBlank() ? fallback : Double.parseDouble(raw.trim());
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    /** An incident severity, {@code SEV1}..{@code SEV4}. */
    static String severity(String name, String fallback) {
        String value = System.getProperty(name, fallback).trim();
        if (!value.matches("SEV[1-4]")) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: SEV1..SEV4)");
        }
        return value;
    }

    static Duration seconds(String name, int fallback) {
        return Duration.ofSeconds(knob(name, fallback));
    }

    /** A name unique to this run, e.g. {@code lt-storm-m3x9k2}. */
    static String scoped(String name) {
        return "lt-" + name + "-" + RUN_ID;
    }

    static void describe(String scenario, Object... knobsAndValues) {
        StringBuilder line = new StringBuilder("loadtest: ").append(scenario).append(" against ").append(URL)
                .append(" (run ").append(RUN_ID).append(')');
        for (int i = 0; i + 1 < knobsAndValues.length; i += 2) {
            line.append(' ').append(knobsAndValues[i]).append('=').append(knobsAndValues[i + 1]);
        }
        System.out.println(line);
    }
}
