package io.clarion.gateway.auth;

import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.problem.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer API-key authentication and scope checks for everything under {@code /v1/}: a missing or
 * unknown key is 401, a key without the scope the route needs is 403. Routes need {@code admin}
 * under {@code /v1/admin/}, {@code read} for GET, and {@code write} otherwise.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter implements WebFilter {
    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final JsonMapper json;

    ApiKeyFilter(ApiKeys apiKeys, JsonMapper json) {
        this.apiKeys = apiKeys;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/v1/")) {
            return chain.filter(exchange);
        }
        // PUBLIC ROUTE (the only one under /v1/): the OpenAPI document, GET on exactly this raw path
        if (HttpMethod.GET.equals(exchange.getRequest().getMethod()) && path.equals("/v1/openapi.yaml")) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
            return refuse(exchange, HttpStatus.UNAUTHORIZED, "missing-api-key",
                    "send an API key as 'Authorization: Bearer <key>'");
        }
        return apiKeys.authenticate(header.substring(BEARER.length()).trim())
                .flatMap(caller -> caller.isEmpty()
                        ? refuse(exchange, HttpStatus.UNAUTHORIZED, "unknown-api-key", "the API key is unknown or revoked")
                        : authorize(exchange, chain, caller.get(), requiredScope(exchange, path)));
    }

    private Mono<Void> authorize(ServerWebExchange exchange, WebFilterChain chain, Caller caller, Scope scope) {
        if (!caller.may(scope)) {
            return refuse(exchange, HttpStatus.FORBIDDEN, "missing-scope",
                    "the API key lacks the '" + scope.wireName() + "' scope this route needs");
        }
        exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
        return chain.filter(exchange);
    }

    private static Scope requiredScope(ServerWebExchange exchange, String path) {
        if (path.startsWith("/v1/admin/")) {
            return Scope.ADMIN;
        }
        return HttpMethod.GET.equals(exchange.getRequest().getMethod()) ? Scope.READ : Scope.WRITE;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
        if (status == HttpStatus.UNAUTHORIZED) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return ProblemResponses.write(exchange, ProblemException.of(status, type, detail), json);
    }
}
