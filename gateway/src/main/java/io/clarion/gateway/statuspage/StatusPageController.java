package io.clarion.gateway.statuspage;

import io.clarion.gateway.auth.Access;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.statuspage.StatusSnapshot.Rendered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A tenant's public status page, no key needed: the HTML page, Statuspage's {@code api/v2} JSON and the Atom
 * feed, from {@link StatusPageCache} (never a database transaction per request). Every answer carries a strong
 * {@code ETag}, {@code Last-Modified} and {@code Cache-Control}; a matching {@code If-None-Match} (or, without
 * one, {@code If-Modified-Since}) is answered {@code 304} with no body. Unknown tenant: {@code 404}. A cached
 * answer is written as rendered: its bytes and headers were made once per version, and no message writer, content
 * negotiation or date formatting runs per request.
 */
@RestController
class StatusPageController {
    private final StatusPageCache cache;
    private final ClientRateLimit limit;

    StatusPageController(StatusPageCache cache, ClientRateLimit limit) {
        this.cache = cache;
        this.limit = limit;
    }

    @GetMapping("/status/{tenant}")
    @Access.Public
    Mono<Void> page(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.PAGE, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/summary.json")
    @Access.Public
    Mono<Void> summary(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.SUMMARY, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/status.json")
    @Access.Public
    Mono<Void> status(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.STATUS, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/components.json")
    @Access.Public
    Mono<Void> components(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.COMPONENTS, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/incidents.json")
    @Access.Public
    Mono<Void> incidents(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.INCIDENTS, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/incidents/unresolved.json")
    @Access.Public
    Mono<Void> unresolved(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.UNRESOLVED, exchange);
    }

    @GetMapping("/status/{tenant}/history.atom")
    @Access.Public
    Mono<Void> history(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.ATOM, exchange);
    }

    private Mono<Void> serve(String tenant, StatusDocument document, ServerWebExchange exchange) {
        return Mono.defer(() -> {
                    limit.admit(exchange);
                    return cache.snapshot(tenant);
                })
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("status page '" + tenant + "'")))
                .flatMap(snapshot -> respond(snapshot, document, exchange));
    }

    /** The rendered bytes and headers; a matching validator is answered {@code 304} with the same headers, no body. */
    private static Mono<Void> respond(StatusSnapshot snapshot, StatusDocument document, ServerWebExchange exchange) {
        Rendered rendered = snapshot.get(document);
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().putAll(rendered.headers());
        if (exchange.checkNotModified(rendered.etag(), snapshot.lastModified())) {
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentLength(rendered.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(rendered.body())));
    }
}
