package io.clarion.gateway.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes a route needs: a key holding any one of them may call it. Every handler method of the
 * gateway carries this annotation or {@link Public}; the gateway refuses to start otherwise, so a new
 * route cannot be reachable without a decision. The check runs on the handler that routing matched
 * (see {@link AuthorizingHandlerMapping}), never on the path text.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Access {
    Scope[] value();

    /** A route anyone may call without a key (the OpenAPI document, the public status page). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Public {
    }
}
