package io.clarion.gateway.shedding;

import io.clarion.gateway.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.clarion.gateway.problem.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds the API requests ({@code /v1/...}) in flight at once to
 * {@code clarion.gateway.shedding.max-concurrent-requests}. A request over the bound is answered at
 * once with {@code 503} {@code application/problem+json} (type {@code overloaded}) and a
 * {@code Retry-After} header, having touched nothing: so under overload the gateway keeps a bounded
 * latency and tells clients when to come back, instead of queueing without bound behind its database
 * pool. A request holds its place until its response is written, it fails, or the client goes away.
 * It runs before authentication, because checking a key is itself work the gateway cannot afford
 * when overloaded. Other paths (health, metrics) and the live stream ({@code /v1/stream}, which holds its
 * request open for as long as the client watches) are never shed. Counts {@code clarion.gateway.shed}.
 * An admitted request is also held to {@code clarion.gateway.shedding.request-deadline} ({@link RequestDeadlines}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LoadSheddingFilter implements WebFilter {
    private static final String API_PREFIX = "/v1/";
    /** Long-lived by design (server-sent events); bounded by clarion.stream.max-connections instead. */
    private static final String STREAM = "/v1/stream";

    private final SheddingProperties properties;
    private final InFlightLimit limit;
    private final JsonMapper json;
    private final Counter shed;
    private final RequestDeadlines deadlines;

    LoadSheddingFilter(SheddingProperties properties, JsonMapper json, MeterRegistry registry) {
        this.properties = properties;
        this.limit = new InFlightLimit(properties.maxConcurrentRequests());
        this.json = json;
        this.shed = Counter.builder("clarion.gateway.shed")
                .description("API requests answered 503 overloaded without being processed").register(registry);
        this.deadlines = new RequestDeadlines(properties, json, registry);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled() || !isApi(exchange)) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> limit.tryEnter() ? admit(exchange, chain) : shed(exchange));
    }

    /** The place is given back exactly once, on completion, error or cancellation alike. */
    private Mono<Void> admit(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.using(() -> limit, admitted -> deadlines.apply(exchange, chain.filter(exchange)), InFlightLimit::leave);
    }

    private Mono<Void> shed(ServerWebExchange exchange) {
        shed.increment();
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(properties.retryAfterSeconds()));
        return ProblemResponses.write(exchange, ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                "the gateway is at its limit of " + properties.maxConcurrentRequests()
                        + " requests in flight; retry after " + properties.retryAfterSeconds() + " s"), json);
    }

    private static boolean isApi(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.startsWith(API_PREFIX) && !path.equals(STREAM);
    }

    /** Requests holding a place right now; for tests and metrics. */
    int inFlight() {
        return limit.inFlight();
    }
}
