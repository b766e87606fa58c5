package io.clarion.gateway.auth;

import io.clarion.gateway.problem.ProblemException;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Decides whether the request's key may call the matched handler: a missing, unknown, revoked or expired
 * key is {@code 401}, a key without any of the route's scopes {@code 403}. On success the {@link Caller}
 * is on the exchange for the handler.
 */
@Component
class RouteAuthorization {
    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final Clock clock;

    RouteAuthorization(ApiKeys apiKeys, Clock clock) {
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    Mono<Void> authorize(ServerWebExchange exchange, HandlerMethod handler) {
        if (handler.hasMethodAnnotation(Access.Public.class)) {
            return Mono.empty();
        }
        Scope[] anyOf = handler.getMethodAnnotation(Access.class).value();
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
            return unauthorized(exchange, "missing-api-key", "send an API key as 'Authorization: Bearer <key>'");
        }
        return apiKeys.authenticate(header.substring(BEARER.length()).trim())
                .filter(caller -> !caller.expiredAt(clock.instant()))
                .switchIfEmpty(unauthorized(exchange, "unknown-api-key", "the API key is unknown, revoked or expired"))
                .flatMap(caller -> permit(exchange, caller, anyOf));
    }

    private static Mono<Void> permit(ServerWebExchange exchange, Caller caller, Scope[] anyOf) {
        if (Arrays.stream(anyOf).noneMatch(caller::may)) {
            return Mono.error(ProblemException.of(HttpStatus.FORBIDDEN, "missing-scope", "the API key lacks the "
                    + Arrays.stream(anyOf).map(s -> "'" + s.wireName() + "'").collect(Collectors.joining(" or "))
                    + " scope this route needs"));
        }
        exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
        return Mono.empty();
    }

    private static <T> Mono<T> unauthorized(ServerWebExchange exchange, String type, String detail) {
        return Mono.defer(() -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return Mono.error(ProblemException.of(HttpStatus.UNAUTHORIZED, type, detail));
        });
    }
}
