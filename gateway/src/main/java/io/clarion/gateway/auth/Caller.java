package io.clarion.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/** The authenticated owner of the API key a request carries, and what that key may do. */
public record Caller(long apiKeyId, String name, Set<Scope> scopes) {
    static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        requireNonNull(name, "name");
        scopes = Set.copyOf(scopes);
    }

    public boolean may(Scope scope) {
        return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
    }

    /** The caller of a request that passed {@link ApiKeyFilter}. */
    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller on " + exchange.getRequest().getPath()
                    + ": is the route outside /v1/ or ApiKeyFilter missing?");
        }
        return caller;
    }
}
