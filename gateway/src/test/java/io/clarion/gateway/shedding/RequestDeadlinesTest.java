package io.clarion.gateway.shedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class RequestDeadlinesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestDeadlines deadlines = new RequestDeadlines(
            new SheddingProperties(true, 8, Duration.ofSeconds(2), DEADLINE), JsonMapper.builder().build(), registry);
    private final AtomicBoolean cancelled = new AtomicBoolean();

    @Test
    void aReadStillPendingAtItsDeadlineIsCancelledAndAnswered503WithRetryAfter() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/v1/broadcasts/b-1"));
        exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
                PathPatternParser.defaultInstance.parse("/v1/broadcasts/{id}"));

        StepVerifier.withVirtualTime(() -> deadlines.apply(exchange, pendingWork()))
                .expectSubscription()
                .expectNoEvent(DEADLINE.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .verifyComplete();

        assertThat(cancelled).isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("problems/overloaded",
                "deadline of 10000 ms");
        assertThat(registry.get("clarion.gateway.deadline.exceeded").tag("method", "GET")
                .tag("route", "/v1/broadcasts/{id}").counter().count()).isEqualTo(1);
    }

    @Test
    void aReadIsCutEvenAfterItGotADatabaseConnection() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/v1/kpis"));

        StepVerifier.withVirtualTime(() -> deadlines.apply(exchange, enterDatabase().then(pendingWork())))
                .thenAwait(DEADLINE)
                .verifyComplete();

        assertThat(cancelled).isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(registry.get("clarion.gateway.deadline.exceeded").tag("route", "unmatched").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aWriteStillWaitingForTheDatabaseIsCut() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/v1/broadcasts"));

        StepVerifier.withVirtualTime(() -> deadlines.apply(exchange, pendingWork()))
                .thenAwait(DEADLINE)
                .verifyComplete();

        assertThat(cancelled).isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aWriteThatGotADatabaseConnectionRunsToItsEndAndAnswersItsOwnResult() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/v1/broadcasts"));
        Supplier<Mono<Void>> committing = () -> enterDatabase()
                .then(Mono.delay(DEADLINE.multipliedBy(3)))
                .then(Mono.fromRunnable(() -> exchange.getResponse().setStatusCode(HttpStatus.ACCEPTED)))
                .then(exchange.getResponse().setComplete());

        StepVerifier.withVirtualTime(() -> deadlines.apply(exchange, committing.get()))
                .expectSubscription()
                .expectNoEvent(DEADLINE.multipliedBy(3).minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .verifyComplete();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(registry.find("clarion.gateway.deadline.exceeded").counter()).isNull();
    }

    @Test
    void aRequestWhoseAnswerHasStartedIsNotCut() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/v1/incidents/INC-1/timeline"));
        Supplier<Mono<Void>> slowBody = () -> exchange.getResponse().writeWith(
                Flux.just(buffer(exchange, "{\"events\":["))
                        .concatWith(Mono.delay(DEADLINE.multipliedBy(2)).map(tick -> buffer(exchange, "]}"))));

        StepVerifier.withVirtualTime(() -> deadlines.apply(exchange, slowBody.get()))
                .thenAwait(DEADLINE.multipliedBy(2))
                .verifyComplete();

        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo("{\"events\":[]}");
        assertThat(registry.find("clarion.gateway.deadline.exceeded").counter()).isNull();
    }

    @Test
    void aLongRunningRouteIsNeverCut() throws NoSuchMethodException {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/v1/recipients:import"));
        exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
                new HandlerMethod(this, RequestDeadlinesTest.class.getDeclaredMethod("longRoute")));

        StepVerifier.withVirtualTime(() -> deadlines.apply(exchange, pendingWork()))
                .expectSubscription()
                .expectNoEvent(DEADLINE.multipliedBy(10))
                .thenCancel()
                .verify();

        assertThat(exchange.getResponse().getStatusCode()).isNull();
        assertThat(registry.find("clarion.gateway.deadline.exceeded").counter()).isNull();
    }

    @LongRunning
    void longRoute() {
    }

    /** Work that never finishes by itself, and notes its cancellation. */
    private Mono<Void> pendingWork() {
        return Mono.<Void>never().doOnCancel(() -> cancelled.set(true));
    }

    /** What {@link DeadlineAwareConnections} does when the request obtains a connection. */
    private static Mono<Void> enterDatabase() {
        return Mono.deferContextual(context -> {
            assertThat(context.get(RequestDeadline.class).enterDatabase()).isTrue();
            return Mono.empty();
        });
    }

    private static DataBuffer buffer(MockServerWebExchange exchange, String text) {
        return exchange.getResponse().bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.from(request.build());
    }
}
