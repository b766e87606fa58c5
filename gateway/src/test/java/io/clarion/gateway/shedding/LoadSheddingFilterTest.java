package io.clarion.gateway.shedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class LoadSheddingFilterTest {
    private final LoadSheddingFilter filter = filter(properties(true, 1, Duration.ofMillis(1500)));
    private final Sinks.Empty<Void> firstResponse = Sinks.empty();
    private final WebFilterChain pending = exchange -> firstResponse.asMono();

    @Test
    void aRequestOverTheLimitIsShedWith503ProblemAndRetryAfter() {
        MockServerWebExchange second = api("/v1/broadcasts");

        filter.filter(api("/v1/broadcasts"), pending).as(StepVerifier::create)
                .then(() -> answer(filter, second))
                .then(firstResponse::tryEmitEmpty)
                .verifyComplete();

        assertThat(second.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(second.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(second.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        second.getResponse().getBodyAsString().as(StepVerifier::create)
                .assertNext(body -> assertThat(body).contains("\"status\":503", "problems/overloaded",
                        "limit of 1 requests in flight"))
                .verifyComplete();
    }

    @Test
    void aCompletedRequestGivesItsPlaceBack() {
        filter.filter(api("/v1/incidents/INC-1"), pending).as(StepVerifier::create)
                .then(firstResponse::tryEmitEmpty)
                .verifyComplete();

        assertThat(filter.inFlight()).isZero();
        assertThat(answer(filter, api("/v1/broadcasts"))).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void aFailedRequestGivesItsPlaceBack() {
        filter.filter(api("/v1/broadcasts"), exchange -> Mono.error(new IllegalStateException("handler broke")))
                .as(StepVerifier::create).verifyError(IllegalStateException.class);

        assertThat(filter.inFlight()).isZero();
    }

    @Test
    void aRequestWhoseClientWentAwayGivesItsPlaceBack() {
        filter.filter(api("/v1/broadcasts"), pending).as(StepVerifier::create)
                .expectSubscription()
                .then(() -> assertThat(filter.inFlight()).isEqualTo(1))
                .thenCancel()
                .verify();

        assertThat(filter.inFlight()).isZero();
    }

    @Test
    void pathsOutsideTheApiAreNeverShed() {
        filter.filter(api("/v1/broadcasts"), pending).as(StepVerifier::create)
                .then(() -> assertThat(answer(filter, api("/actuator/health"))).isEqualTo(HttpStatus.ACCEPTED))
                .then(firstResponse::tryEmitEmpty)
                .verifyComplete();
    }

    @Test
    void aDisabledFilterShedsNothing() {
        LoadSheddingFilter disabled = filter(properties(false, 1, Duration.ofSeconds(1)));

        disabled.filter(api("/v1/broadcasts"), pending).as(StepVerifier::create)
                .then(() -> assertThat(answer(disabled, api("/v1/broadcasts"))).isEqualTo(HttpStatus.ACCEPTED))
                .then(firstResponse::tryEmitEmpty)
                .verifyComplete();
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedByName() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(true, 0, Duration.ofSeconds(1)))
                .withMessage("clarion.gateway.shedding.max-concurrent-requests: 0 (expected: > 0)");
        assertThatIllegalArgumentException().isThrownBy(() -> properties(true, 8, Duration.ZERO))
                .withMessageStartingWith("clarion.gateway.shedding.retry-after:");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SheddingProperties(true, 8, Duration.ofSeconds(1), Duration.ZERO))
                .withMessage("clarion.gateway.shedding.request-deadline: PT0S (expected: > 0)");
    }

    @Test
    void retryAfterIsSentAsWholeSecondsRoundedUp() {
        assertThat(properties(true, 8, Duration.ofSeconds(3)).retryAfterSeconds()).isEqualTo(3);
        assertThat(properties(true, 8, Duration.ofMillis(200)).retryAfterSeconds()).isEqualTo(1);
        assertThat(properties(true, 8, Duration.ofMillis(2001)).retryAfterSeconds()).isEqualTo(3);
    }

    private static HttpStatus answer(LoadSheddingFilter filter, MockServerWebExchange exchange) {
        WebFilterChain answering = ex -> {
            ex.getResponse().setStatusCode(HttpStatus.ACCEPTED);
            return Mono.empty();
        };
        filter.filter(exchange, answering).as(StepVerifier::create).verifyComplete();
        return HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }

    private static MockServerWebExchange api(String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.post(path));
    }

    /** Settings with the default request deadline. */
    static SheddingProperties properties(boolean enabled, int maxConcurrentRequests, Duration retryAfter) {
        return new SheddingProperties(enabled, maxConcurrentRequests, retryAfter, Duration.ofSeconds(10));
    }

    private static LoadSheddingFilter filter(SheddingProperties properties) {
        return new LoadSheddingFilter(properties, JsonMapper.builder().build(), new SimpleMeterRegistry());
    }
}
