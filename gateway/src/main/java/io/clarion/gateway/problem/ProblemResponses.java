package io.clarion.gateway.problem;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json answer from a {@code WebFilter}, where no controller advice applies. */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, ProblemException refusal, JsonMapper json) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(refusal.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(refusal.toProblem());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
