package io.clarion.gateway.statuspage;

import io.clarion.gateway.auth.Access;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.statuspage.StatusSnapshot.Rendered;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A tenant's public status page, no key needed: the HTML page, Statuspage's {@code api/v2} JSON and the Atom
 * feed, from {@link StatusPageCache} (never a database transaction per request). Every answer carries a strong
 * {@code ETag}, {@code Last-Modified} and {@code Cache-Control}; a matching {@code If-None-Match} (or, without
 * one, {@code If-Modified-Since}) is answered {@code 304} with no body. Unknown tenant: {@code 404}.
 */
@RestController
class StatusPageController {
    private final StatusPageCache cache;
    private final ClientRateLimit limit;
    private final CacheControl cacheControl;

    StatusPageController(StatusPageCache cache, ClientRateLimit limit, StatusPageProperties properties) {
        this.cache = cache;
        this.limit = limit;
        this.cacheControl = CacheControl.maxAge(properties.maxAge()).cachePublic()
                .staleWhileRevalidate(properties.staleWhileRevalidate()).staleIfError(properties.staleIfError());
    }

    @GetMapping("/status/{tenant}")
    @Access.Public
    Mono<ResponseEntity<byte[]>> page(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.PAGE, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/summary.json")
    @Access.Public
    Mono<ResponseEntity<byte[]>> summary(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.SUMMARY, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/status.json")
    @Access.Public
    Mono<ResponseEntity<byte[]>> status(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.STATUS, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/components.json")
    @Access.Public
    Mono<ResponseEntity<byte[]>> components(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.COMPONENTS, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/incidents.json")
    @Access.Public
    Mono<ResponseEntity<byte[]>> incidents(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.INCIDENTS, exchange);
    }

    @GetMapping("/status/{tenant}/api/v2/incidents/unresolved.json")
    @Access.Public
    Mono<ResponseEntity<byte[]>> unresolved(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.UNRESOLVED, exchange);
    }

    @GetMapping("/status/{tenant}/history.atom")
    @Access.Public
    Mono<ResponseEntity<byte[]>> history(@PathVariable String tenant, ServerWebExchange exchange) {
        return serve(tenant, StatusDocument.ATOM, exchange);
    }

    private Mono<ResponseEntity<byte[]>> serve(String tenant, StatusDocument document, ServerWebExchange exchange) {
        return Mono.defer(() -> {
                    limit.admit(exchange);
                    return cache.snapshot(tenant);
                })
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("status page '" + tenant + "'")))
                .map(snapshot -> respond(snapshot, document));
    }

    /** Conditional requests are answered {@code 304} by Spring from the ETag and Last-Modified set here. */
    private ResponseEntity<byte[]> respond(StatusSnapshot snapshot, StatusDocument document) {
        Rendered rendered = snapshot.get(document);
        var response = ResponseEntity.ok().eTag(rendered.etag()).lastModified(snapshot.lastModified())
                .cacheControl(cacheControl).contentType(document.type())
                .header("X-Content-Type-Options", "nosniff");
        if (document == StatusDocument.PAGE) {
            response.header("Content-Security-Policy", StatusPageStyle.CONTENT_SECURITY_POLICY)
                    .header("Referrer-Policy", "no-referrer");
        } else {
            response.header("Access-Control-Allow-Origin", "*"); // widgets on customers' own sites read these
        }
        return response.body(rendered.body());
    }
}
