package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Audiences for the scenarios: recipients whose webhooks point at the provider sandbox, imported
 * through the streaming NDJSON import in chunks (so a million recipients never sit in one body), and a
 * segment holding exactly them (matched on a run-scoped {@code tier}).
 */
final class AudienceChains {
    private AudienceChains() {
    }

    /** Imports recipients {@code <tier>-0 .. <tier>-(count-1)}, {@code chunk} lines per request. */
    static ChainBuilder importRecipients(String tier, int count, int chunk) {
        int requests = (count + chunk - 1) / chunk;
        return repeat(requests, "importChunk").on(
                exec(session -> session.set("importExpected", to(session, chunk, count) - from(session, chunk)))
                        .exec(importChunk(tier, count, chunk)));
    }

    private static HttpRequestActionBuilder importChunk(String tier, int count, int chunk) {
        return http("import recipients").post("/v1/recipients:import")
                .header("Content-Type", "application/x-ndjson")
                .body(ByteArrayBody(session -> lines(tier, from(session, chunk), to(session, chunk, count))))
                .requestTimeout(Duration.ofMinutes(5))
                .check(status().is(200), jmesPath("imported").ofInt().isEL("#{importExpected}"));
    }

    /** Puts segment {@code tier} matching every recipient of that tier; checks its size is {@code count}. */
    static ChainBuilder segmentOf(String tier, int count) {
        return exec(http("put segment").put("/v1/segments/" + tier)
                .body(StringBody("{\"match\": {\"tier\": [\"" + tier + "\"]}}"))
                .check(status().in(200, 201)))
                .exec(http("segment size").get("/v1/segments/" + tier + "/size")
                        .check(jmesPath("recipients").ofInt().is(count)));
    }

    /**
     * Imports {@code count} recipients of tier {@code tier} and puts the segment holding exactly them, and lets the
     * tenant broadcast to that many without approval (above {@code maxAudienceWithoutApproval} a broadcast waits).
     */
    static ChainBuilder audience(String tier, int count, int chunk) {
        return exec(importRecipients(tier, count, chunk)).exec(segmentOf(tier, count)).exec(noApprovalUpTo(count));
    }

    static ChainBuilder noApprovalUpTo(int count) {
        return exec(http("approval cap").put("/v1/settings")
                .body(StringBody("{\"maxAudienceWithoutApproval\": " + Math.max(count, 10_000) + "}"))
                .check(status().is(200)));
    }

    private static int from(Session session, int chunk) {
        return session.getInt("importChunk") * chunk;
    }

    private static int to(Session session, int chunk, int count) {
        return Math.min(count, from(session, chunk) + chunk);
    }

    private static byte[] lines(String tier, int from, int to) {
        StringBuilder body = new StringBuilder((to - from) * 200);
        for (int i = from; i < to; i++) {
            String id = tier + "-" + i;
            body.append("{\"id\":\"").append(id).append("\",\"tier\":\"").append(tier)
                    .append("\",\"region\":\"eu\",\"locale\":\"en-US\",\"contacts\":{\"webhook\":{\"url\":\"")
                    .append(ClarionTarget.SANDBOX_URL).append("/webhooks/").append(id)
                    .append("\",\"secret\":\"").append(secretOf(id)).append("\"}}}\n");
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String secretOf(String recipient) {
        return "whsec_" + Base64.getEncoder().encodeToString(("loadtest-webhook-secret-of-" + recipient).getBytes(StandardCharsets.UTF_8));
    }
}
