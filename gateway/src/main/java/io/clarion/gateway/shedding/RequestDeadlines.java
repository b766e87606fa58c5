package io.clarion.gateway.shedding;

import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.problem.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deadline of an admitted API request ({@code clarion.gateway.shedding.request-deadline}): a request still
 * pending when it passes (see {@link RequestDeadline}) has its work cancelled and is answered {@code 503}
 * {@code application/problem+json} (type {@code overloaded}) with {@code Retry-After}, so a client gets an answer
 * in bounded time instead of waiting behind an exhausted database pool. A request that may write is pending only
 * until it first obtains a database connection ({@link DeadlineAwareConnections}); nothing it does can have been
 * stored before, so a request cut by its deadline changed nothing, and a request that may have committed always
 * answers its own result. Routes marked {@link LongRunning} are never cut. Counts
 * {@code clarion.gateway.deadline.exceeded{method,route}} (the matched route template, {@code unmatched} before
 * routing).
 */
final class RequestDeadlines {
    private static final String METRIC = "clarion.gateway.deadline.exceeded";

    private final SheddingProperties properties;
    private final JsonMapper json;
    private final MeterRegistry registry;

    RequestDeadlines(SheddingProperties properties, JsonMapper json, MeterRegistry registry) {
        this.properties = properties;
        this.json = json;
        this.registry = registry;
    }

    /** The admitted request's {@code work}, answered 503 instead if it is still pending at the deadline. */
    Mono<Void> apply(ServerWebExchange exchange, Mono<Void> work) {
        RequestDeadline deadline = RequestDeadline.forMethod(exchange.getRequest().getMethod());
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(deadline::answer));
        return work.contextWrite(Context.of(RequestDeadline.class, deadline))
                .timeout(expiry(exchange, deadline), Mono.defer(() -> overdue(exchange)));
    }

    /** Emits when the deadline takes the request over; never when the request has started answering itself. */
    private Mono<Long> expiry(ServerWebExchange exchange, RequestDeadline deadline) {
        return Mono.delay(properties.requestDeadline())
                .flatMap(tick -> !isLongRunning(exchange) && deadline.expire() ? Mono.just(tick) : Mono.never());
    }

    private Mono<Void> overdue(ServerWebExchange exchange) {
        Counter.builder(METRIC).description("Admitted API requests answered 503 at their deadline, work cancelled")
                .tag("method", exchange.getRequest().getMethod().name()).tag("route", route(exchange))
                .register(registry).increment();
        Duration limit = properties.requestDeadline();
        long retryAfter = properties.retryAfterSeconds();
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        return ProblemResponses.write(exchange, ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                "the request did not finish within its deadline of " + limit.toMillis() + " ms and was cancelled"
                        + " before it changed anything; retry after " + retryAfter + " s"), json);
    }

    private static boolean isLongRunning(ServerWebExchange exchange) {
        return exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && handler.hasMethodAnnotation(LongRunning.class);
    }

    private static String route(ServerWebExchange exchange) {
        return exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof PathPattern pattern
                ? pattern.getPatternString() : "unmatched";
    }
}
