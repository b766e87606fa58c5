package io.clarion.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the gateway's API, as an incident tool would call it. */
final class Api {
    /** A webhook secret the API accepts: the Standard Webhooks specification's example. */
    static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // HTTP/1.1 as incident tools use it; the JDK client would otherwise try an h2c upgrade on every new connection
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    Api(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** A client of the same gateway with another key. */
    Api withKey(String otherKey) {
        return new Api(baseUrl, otherKey);
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return JSON.readValue(body, Map.class);
        }

        String contentType() {
            return raw.headers().firstValue("content-type").orElse("");
        }
    }

    /** Creates (or replaces) an incident and posts an update to it; answers the update's version. */
    int incidentWithUpdate(String incident, String severity, String status, String body) {
        Response created = put("/v1/incidents/" + incident, Map.of("title", "Trouble with " + incident, "severity", severity));
        if (created.status() >= 300) {
            throw new AssertionError("PUT incident " + incident + ": " + created.status() + " " + created.body());
        }
        Response update = post("/v1/incidents/" + incident + "/updates", Map.of("status", status, "body", body));
        if (update.status() != 201) {
            throw new AssertionError("POST update of " + incident + ": " + update.status() + " " + update.body());
        }
        return ((Number) update.json().get("version")).intValue();
    }

    /** Broadcasts the incident's latest update to explicit recipients; answers the broadcast id. */
    String broadcast(String incident, List<String> recipients, List<String> channels) {
        return broadcast(incident, Map.of("recipients", recipients), channels);
    }

    /** Broadcasts the incident's latest update to an audience ({@code segments}, {@code recipients}). */
    String broadcast(String incident, Map<String, Object> audience, List<String> channels) {
        Response accepted = post("/v1/broadcasts", Map.of("incidentId", incident, "audience", audience,
                "channels", channels));
        if (accepted.status() != 202) {
            throw new AssertionError("POST broadcast: " + accepted.status() + " " + accepted.body());
        }
        return (String) accepted.json().get("id");
    }

    /** Polls the broadcast until it is {@code completed}; answers its last status document. */
    Map<String, Object> awaitCompleted(String id, Duration atMost) {
        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> last = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last.set(get("/v1/broadcasts/" + id).json());
            org.assertj.core.api.Assertions.assertThat(last.get().get("status")).as(String.valueOf(last.get()))
                    .isEqualTo("completed");
        });
        return last.get();
    }

    /** The counts of a broadcast status document, as longs. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> counts(Map<String, Object> status) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        ((Map<String, Number>) status.get("counts")).forEach((name, value) -> counts.put(name, value.longValue()));
        return counts;
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body))).build());
    }

    Response post(String path, Object body, String... headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    Response postNdjson(String path, List<String> lines) {
        return send(request(path).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n")).build());
    }

    /** A request with a chosen Authorization header (or none when {@code authorization} is null). */
    Response send(String method, String path, String body, String authorization) {
        return send(method, path, "application/json", body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                authorization);
    }

    /** A request with raw body bytes (which need not be UTF-8) and a chosen Authorization header, if any. */
    Response send(String method, String path, String contentType, byte[] body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** A JSON request with raw body bytes, extra headers and no Authorization header (a signed webhook). */
    Response sendRaw(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** This client's Authorization header value. */
    String authorization() {
        return "Bearer " + apiKey;
    }

    Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
