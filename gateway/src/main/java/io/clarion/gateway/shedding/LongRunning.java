package io.clarion.gateway.shedding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route that is long by design (a server-sent event stream, a streamed import): the request deadline
 * ({@code clarion.gateway.shedding.request-deadline}) never cuts it. Such a route must bound itself otherwise
 * (a connection limit, a bounded body, batches of its own).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface LongRunning {
}
