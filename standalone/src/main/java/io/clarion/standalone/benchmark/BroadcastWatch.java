package io.clarion.standalone.benchmark;

import static java.util.Objects.requireNonNull;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Submits one broadcast to a segment on the given channels and polls its status every {@value #POLL_MILLIS} ms until
 * it is {@code completed} or {@code failed}, or {@link #TIMEOUT} has passed. The start instant is taken
 * just before the submission, so it bounds every delivery from below. A poll that times out or cannot
 * connect is counted and retried; the engine is busy, not gone.
 */
final class BroadcastWatch {
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final long POLL_MILLIS = 100;

    private final GatewayClient gateway;

    BroadcastWatch(GatewayClient gateway) {
        this.gateway = requireNonNull(gateway, "gateway");
    }

    /**
     * Where a watched broadcast got to.
     *
     * @param submittedAt wall-clock time just before the POST, comparable with the sandbox's {@code receivedAt}
     * @param elapsed     from just before the POST until the last status was read
     */
    record Outcome(String id, Instant submittedAt, Duration elapsed, Map<String, Object> lastStatus,
                   int polls, int pollErrors) {
        String status() {
            return String.valueOf(lastStatus.get("status"));
        }

        boolean completed() {
            return "completed".equals(status());
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> counts() {
            return (Map<String, Object>) lastStatus.getOrDefault("counts", Map.of());
        }
    }

    Outcome broadcast(String incident, String segment) throws InterruptedException {
        return broadcast(incident, segment, List.of("webhook"));
    }

    Outcome broadcast(String incident, String segment, List<String> channels) throws InterruptedException {
        return broadcastTo(incident, Map.of("segments", List.of(segment)), channels);
    }

    /** A broadcast to {@code audience} as {@code POST /v1/broadcasts} takes it. */
    Outcome broadcastTo(String incident, Map<String, Object> audience, List<String> channels)
            throws InterruptedException {
        Instant submittedAt = Instant.now();
        long startNanos = System.nanoTime();
        String id = submit(incident, audience, channels);
        return awaitEnd(id, submittedAt, startNanos);
    }

    private String submit(String incident, Map<String, Object> audience, List<String> channels) {
        Map<String, Object> accepted = gateway.post("/v1/broadcasts", Map.of("incidentId", incident,
                "audience", audience, "channels", channels));
        return (String) requireNonNull(accepted.get("id"), () -> "broadcast id missing in " + accepted);
    }

    private Outcome awaitEnd(String id, Instant submittedAt, long startNanos) throws InterruptedException {
        Map<String, Object> last = Map.of("status", "unknown (never read)");
        int polls = 0;
        int errors = 0;
        while (!isEnded(last) && Duration.ofNanos(System.nanoTime() - startNanos).compareTo(TIMEOUT) < 0) {
            Thread.sleep(polls == 0 ? 0 : POLL_MILLIS);
            polls++;
            try {
                last = gateway.get("/v1/broadcasts/" + id);
            } catch (UncheckedIOException e) {
                errors++;
                System.err.println("benchmark: polling broadcast " + id + " failed: " + e.getCause());
            }
        }
        return new Outcome(id, submittedAt, Duration.ofNanos(System.nanoTime() - startNanos), last, polls, errors);
    }

    private static boolean isEnded(Map<String, Object> status) {
        Object value = status.get("status");
        return "completed".equals(value) || "failed".equals(value);
    }
}
