package io.clarion.standalone.benchmark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarks' view of the gateway API (this module's and {@code loadtest}'s), called as an incident tool would call it. Every call has a
 * connect and a request timeout, and any answer outside 2xx is an {@link IllegalStateException}
 * carrying the method, path, status and response body: a benchmark on a half-seeded stack measures
 * nothing, so it stops loudly instead.
 */
public final class GatewayClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** An import chunk is upserted in batches before the answer; generous on a shared 2-core box. */
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final String baseUrl;
    private final String apiKey;

    public GatewayClient(String baseUrl, String apiKey) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl");
        this.apiKey = requireNonNull(apiKey, "apiKey");
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public Map<String, Object> get(String path) {
        return send(request(path, CALL_TIMEOUT).GET(), path);
    }

    public Map<String, Object> put(String path, Object body) {
        return send(request(path, CALL_TIMEOUT).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json(body))), path);
    }

    public Map<String, Object> post(String path, Object body) {
        return send(request(path, CALL_TIMEOUT).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json(body))), path);
    }

    /** Posts an NDJSON body read from the stream as it is sent, so the caller never holds all lines. */
    public Map<String, Object> postNdjson(String path, Supplier<InputStream> lines) {
        BodyPublisher body = BodyPublishers.ofInputStream(lines);
        return send(request(path, IMPORT_TIMEOUT).header("Content-Type", "application/x-ndjson").POST(body), path);
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey);
    }

    private Map<String, Object> send(HttpRequest.Builder builder, String path) {
        HttpRequest request = builder.build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + path + ": HTTP " + response.statusCode()
                    + " (expected: 2xx): " + response.body());
        }
        return parse(response.body());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String body) {
        return body == null || body.isBlank() ? Map.of() : JSON.readValue(body, Map.class);
    }
}
