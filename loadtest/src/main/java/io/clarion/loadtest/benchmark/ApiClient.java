package io.clarion.loadtest.benchmark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's calls to the gateway API (borrowed from the standalone fan-out benchmark's client):
 * any answer outside 2xx stops the run with the method, path, status and body, because a benchmark on
 * a half-seeded stack measures nothing.
 */
final class ApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    ApiClient(String baseUrl, String apiKey) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl");
        this.apiKey = requireNonNull(apiKey, "apiKey");
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    Map<String, Object> get(String path) {
        return send(request(path).GET());
    }

    Map<String, Object> put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json(body))));
    }

    Map<String, Object> post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json(body))));
    }

    Map<String, Object> postNdjson(String path, byte[] lines) {
        return send(request(path).header("Content-Type", "application/x-ndjson").POST(BodyPublishers.ofByteArray(lines)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).header("Authorization", "Bearer " + apiKey);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            var response = http.send(request, BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP " + response.statusCode()
                        + " (expected: 2xx): " + response.body());
            }
            return response.body().isBlank() ? Map.of() : JSON.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
