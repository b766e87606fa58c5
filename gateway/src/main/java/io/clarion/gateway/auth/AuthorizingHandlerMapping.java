package io.clarion.gateway.auth;

import java.lang.reflect.Method;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring's request mapping, plus authorization of the route it matched (DESIGN rule 8). The required
 * scope is read from the matched handler method's {@link Access} annotation, after routing has decoded
 * and normalised the path, so {@code /%761/...} or {@code /v1;x/...} reach the same route with the same
 * check as {@code /v1/...}. The caller is resolved here, before the handler runs and before any request
 * body is read, so a refused request cannot write anything (the streamed import included).
 * <p>
 * Registration fails when a handler method has neither {@link Access} nor {@link Access.Public}:
 * an unannotated route is a start-up error, not an open door.
 */
class AuthorizingHandlerMapping extends RequestMappingHandlerMapping {
    private final ObjectProvider<RouteAuthorization> authorization;

    AuthorizingHandlerMapping(ObjectProvider<RouteAuthorization> authorization) {
        this.authorization = authorization;
    }

    @Override
    public Mono<HandlerMethod> getHandlerInternal(ServerWebExchange exchange) {
        return super.getHandlerInternal(exchange)
                .flatMap(handler -> authorization.getObject().authorize(exchange, handler).thenReturn(handler));
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        if (!method.isAnnotationPresent(Access.class) && !method.isAnnotationPresent(Access.Public.class)) {
            throw new IllegalStateException(method.getDeclaringClass().getName() + "." + method.getName()
                    + " maps " + mapping + " without @Access or @Access.Public (expected: every route says who may call it)");
        }
        super.registerHandlerMethod(handler, method, mapping);
    }
}
