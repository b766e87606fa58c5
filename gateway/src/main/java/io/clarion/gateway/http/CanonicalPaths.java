package io.clarion.gateway.http;

import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.problem.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request paths that are not canonical with {@code 400}: percent-encoded characters, matrix
 * parameters ({@code ;}), empty segments ({@code //}), dot segments ({@code /./}, {@code /../}) and
 * backslashes. No Clarion route needs any of them (ids are letters, digits and {@code . _ : -}), and
 * refusing them means no two spellings of a path exist. Authorization does not rely on this filter: it
 * is decided on the matched route (see {@code auth.AuthorizingHandlerMapping}); this only keeps logs,
 * caches and rate limits keyed by one spelling per resource.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CanonicalPaths implements WebFilter {
    private final JsonMapper json;
    private final boolean enabled;

    CanonicalPaths(JsonMapper json, HttpProperties properties) {
        this.json = json;
        this.enabled = properties.refuseNonCanonicalPaths();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (!enabled || raw == null || isCanonical(raw)) {
            return chain.filter(exchange);
        }
        return ProblemResponses.write(exchange, ProblemException.of(HttpStatus.BAD_REQUEST, "non-canonical-path",
                "the path must be written plainly (expected: no '%' escapes, ';', '//', '.' or '..' segments, '\\\\')"),
                json);
    }

    static boolean isCanonical(String rawPath) {
        if (rawPath.indexOf('%') >= 0 || rawPath.indexOf(';') >= 0 || rawPath.indexOf('\\') >= 0
                || rawPath.contains("//")) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
