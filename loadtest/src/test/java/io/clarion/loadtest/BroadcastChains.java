package io.clarion.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;

/**
 * Submitting a webhook broadcast of the latest version of {@code #{incidentId}} to segment
 * {@code #{segment}}, each with a fresh random {@code Idempotency-Key}, and polling it until it ends.
 */
final class BroadcastChains {
    private static final String BODY = "{\"incidentId\": \"#{incidentId}\", \"audience\": {\"segments\": [\"#{segment}\"]},"
            + " \"channels\": [\"webhook\"]}";

    private BroadcastChains() {
    }

    /** A submission that must be accepted: 202, its id kept as {@code #{broadcastId}}. */
    static final ChainBuilder SUBMIT = exec(submission("submit broadcast")
            .check(status().is(202), header("Location").exists(), jmesPath("id").saveAs("broadcastId")));

    /**
     * A submission to an overloaded gateway: accepted (202) or refused with a {@code Retry-After}
     * (429/503) both count as answered; the status is kept as {@code #{answer}}.
     */
    static final ChainBuilder SUBMIT_OR_BE_SHED = exec(submission("submit broadcast (may be shed)")
            .check(status().in(202, 429, 503).saveAs("answer"))
            .checkIf((response, session) -> response.status().code() != 202)
            .then(header("Retry-After").exists()));

    /** Polls {@code #{broadcastId}} every {@code every} until it is completed or failed, for at most {@code timeout}. */
    static ChainBuilder awaitEnd(Duration every, Duration timeout) {
        return exec(session -> session.set("broadcastStatus", "accepted"))
                .asLongAsDuring(session -> !ended(session), timeout).on(pause(every).exec(POLL));
    }

    /** Reads the broadcast once, keeping {@code #{broadcastStatus}} and {@code #{sent}}. */
    static final ChainBuilder POLL = exec(http("broadcast status").get("/v1/broadcasts/#{broadcastId}")
            .check(status().is(200), jmesPath("status").saveAs("broadcastStatus"),
                    jmesPath("counts.sent").ofInt().saveAs("sent")));

    /** Fails (as request {@code broadcast completed}) unless the broadcast's final status is {@code completed}. */
    static final ChainBuilder EXPECT_COMPLETED = exec(http("broadcast completed").get("/v1/broadcasts/#{broadcastId}")
            .check(status().is(200), jmesPath("status").is("completed"), jmesPath("counts.pending").ofInt().is(0)));

    static boolean ended(Session session) {
        String status = session.getString("broadcastStatus");
        return "completed".equals(status) || "failed".equals(status);
    }

    private static HttpRequestActionBuilder submission(String name) {
        return http(name).post("/v1/broadcasts").header("Idempotency-Key", "#{randomUuid()}").body(StringBody(BODY));
    }
}
