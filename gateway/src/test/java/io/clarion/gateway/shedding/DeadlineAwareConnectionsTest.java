package io.clarion.gateway.shedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

class DeadlineAwareConnectionsTest {
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                case "close" -> Mono.fromRunnable(() -> closed.set(true));
                case "toString" -> "connection";
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final DeadlineAwareConnections connections = new DeadlineAwareConnections(new ConnectionFactory() {
        @Override
        public Publisher<? extends Connection> create() {
            return Mono.just(connection);
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
            return () -> "fake";
        }
    });

    @Test
    void aWriteThatGetsAConnectionCanNoLongerBeCut() {
        RequestDeadline deadline = RequestDeadline.forMethod(HttpMethod.POST);

        Mono.<Connection>from(connections.create()).contextWrite(Context.of(RequestDeadline.class, deadline))
                .as(StepVerifier::create).expectNext(connection).verifyComplete();

        assertThat(deadline.expire()).isFalse();
    }

    @Test
    void aConnectionHandedOutAfterTheDeadlineIsGivenBackUnused() {
        RequestDeadline deadline = RequestDeadline.forMethod(HttpMethod.POST);
        deadline.expire();

        Mono.<Connection>from(connections.create()).contextWrite(Context.of(RequestDeadline.class, deadline))
                .as(StepVerifier::create)
                .verifyErrorMessage("the request's deadline passed while it waited for a database connection");

        assertThat(closed).isTrue();
    }

    @Test
    void workOutsideARequestGetsConnectionsUnchanged() {
        Mono.<Connection>from(connections.create()).as(StepVerifier::create).expectNext(connection).verifyComplete();

        assertThat(connections.unwrap()).isNotInstanceOf(DeadlineAwareConnections.class);
        assertThat(connections.getMetadata().getName()).isEqualTo("fake");
    }
}
