package io.clarion.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * The authenticated owner of the API key a request carries: the key, its tenant, and what it may do.
 * Every object a caller reads or changes is looked up within {@link #tenant()}.
 *
 * @param expiresAt when the key stops working, or {@code null} for never
 */
public record Caller(long apiKeyId, String name, String tenant, Set<Scope> scopes, Instant expiresAt) {
    static final String ATTRIBUTE = Caller.class.getName();

    public Caller {
        requireNonNull(name, "name");
        requireNonNull(tenant, "tenant");
        scopes = Set.copyOf(scopes);
    }

    public boolean may(Scope scope) {
        return scope.grantedBy(scopes);
    }

    /** Whether the key may act on another tenant's platform objects (keys, tenants, provider limits). */
    public boolean isOperator() {
        return scopes.contains(Scope.OPERATOR);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The audit log's name for this caller: the key's tenant and name. */
    public String actor() {
        return tenant + "/" + name;
    }

    /** The caller of a request whose route was authorized (see {@link Access}). */
    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller on " + exchange.getRequest().getPath()
                    + ": is the route @Access.Public?");
        }
        return caller;
    }
}
