package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * What the provider sandbox received: its webhook count ({@code GET /sandbox/stats}), which only
 * grows, so deliveries of one broadcast are the count minus the count read just before it was submitted.
 */
final class SandboxChains {
    private SandboxChains() {
    }

    /** Keeps the webhook messages received so far as {@code #{webhooksBefore}}. */
    static final ChainBuilder WEBHOOKS_BEFORE = exec(stats("sandbox stats (before)", "webhooksBefore"));

    /** Keeps the webhook messages received so far as {@code #{webhooksNow}}. */
    static final ChainBuilder WEBHOOKS_NOW = exec(stats("sandbox stats", "webhooksNow"));

    private static io.gatling.javaapi.http.HttpRequestActionBuilder stats(String name, String key) {
        return http(name).get(ClarionTarget.SANDBOX_URL + "/sandbox/stats")
                .check(status().is(200), jmesPath("received.webhook").ofInt().saveAs(key));
    }
}
