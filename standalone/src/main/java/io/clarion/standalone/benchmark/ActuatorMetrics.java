package io.clarion.standalone.benchmark;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one statistic of one metric from a Spring Boot application's {@code /actuator/metrics} endpoint,
 * summed over the meters that carry the given tag. A metric the application has not registered (yet) is
 * absent, not an error; any other answer outside 200, or no answer within {@value #TIMEOUT_SECONDS} s, is
 * an exception.
 */
final class ActuatorMetrics {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long TIMEOUT_SECONDS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final String baseUrl;

    /** @param baseUrl where the application serves its actuator, e.g. {@code http://127.0.0.1:8081} */
    ActuatorMetrics(String baseUrl) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl");
    }

    /**
     * The {@code statistic} ({@code VALUE} of a gauge, {@code COUNT} of a timer) of {@code metric} over the
     * meters tagged {@code tag} ({@code name:value}, or {@code null} for all of them).
     */
    OptionalDouble read(String metric, String tag, String statistic) {
        HttpResponse<String> response = get("/actuator/metrics/" + metric + query(tag));
        if (response.statusCode() == 404) {
            return OptionalDouble.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET metric " + metric + ": HTTP " + response.statusCode()
                    + " (expected: 200 or 404): " + response.body());
        }
        return measurement(response.body(), statistic);
    }

    private static String query(String tag) {
        return tag == null ? "" : "?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @SuppressWarnings("unchecked")
    private static OptionalDouble measurement(String body, String statistic) {
        Map<String, Object> metric = JSON.readValue(body, Map.class);
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.getOrDefault("measurements",
                List.of());
        return measurements.stream().filter(m -> statistic.equals(m.get("statistic")))
                .mapToDouble(m -> ((Number) m.get("value")).doubleValue()).findFirst();
    }

    private HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }
}
