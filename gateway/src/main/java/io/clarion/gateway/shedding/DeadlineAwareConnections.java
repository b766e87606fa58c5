package io.clarion.gateway.shedding;

import static java.util.Objects.requireNonNull;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The gateway's connection factory (its pool), telling each request's {@link RequestDeadline} when the request
 * obtains a connection: from then on a request that may write runs to its end. A connection handed out after the
 * deadline took the request over is given back at once, unused. Work outside a request (no deadline in its
 * Reactor context) gets connections unchanged. Unwraps to the pool, so pool metrics and disposal still reach it.
 */
final class DeadlineAwareConnections implements ConnectionFactory, Wrapped<ConnectionFactory> {
    private final ConnectionFactory pool;

    DeadlineAwareConnections(ConnectionFactory pool) {
        this.pool = requireNonNull(pool, "pool");
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.deferContextual(context -> context.<RequestDeadline>getOrEmpty(RequestDeadline.class)
                .map(this::createFor)
                .orElseGet(() -> Mono.from(pool.create())));
    }

    private Mono<Connection> createFor(RequestDeadline deadline) {
        return Mono.from(pool.create()).flatMap(connection -> deadline.enterDatabase() ? Mono.just(connection)
                : Mono.from(connection.close()).then(Mono.error(new IllegalStateException(
                        "the request's deadline passed while it waited for a database connection"))));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return pool.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return pool;
    }

    /** Disposes the pool with the application context (Spring Boot declares the pool bean's destroy method so). */
    public void dispose() {
        if (pool instanceof Disposable disposable) {
            disposable.dispose();
        }
    }
}
