package io.clarion.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.gateway.kafka.OutgoingRecord;
import io.clarion.gateway.kafka.RecordPublisher;
import io.clarion.gateway.migration.SchemaMigration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The outbox relay against a real PostgreSQL, with a fake Kafka publisher that can be made to fail. */
@ExtendWith(DevStackExtension.class)
class OutboxRelayTest {
    private final List<List<OutgoingRecord>> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean kafkaDown = new AtomicBoolean();
    private final RecordPublisher publisher = records -> Mono.defer(() -> kafkaDown.get()
            ? Mono.error(new IllegalStateException("kafka unavailable")) : Mono.fromRunnable(() -> published.add(records)));
    private DatabaseClient db;
    private OutboxRelay relay;
    private Outbox outbox;

    @BeforeEach
    void database(DevStack stack) {
        Namespace namespace = stack.newNamespace("outbox");
        var postgres = stack.postgresCoordinates();
        SchemaMigration.run("--spring.flyway.url=" + postgres.jdbcUrl(namespace.database()),
                "--spring.flyway.user=" + postgres.user(), "--spring.flyway.password=" + postgres.password()).close();
        ConnectionFactory connections = ConnectionFactories.get(ConnectionFactoryOptions
                .parse(postgres.r2dbcUrl(namespace.database())).mutate()
                .option(ConnectionFactoryOptions.USER, postgres.user())
                .option(ConnectionFactoryOptions.PASSWORD, postgres.password()).build());
        db = DatabaseClient.create(connections);
        relay = new OutboxRelay(db, TransactionalOperator.create(new R2dbcTransactionManager(connections)), publisher,
                new OutboxProperties(Duration.ofMillis(500), 2));
        outbox = new Outbox(db, relay);
    }

    @Test
    void relayAllPublishesEveryRecordInBatchesInOrderAndDeletesThem() {
        append(5);

        relay.relayAll().as(StepVerifier::create).expectNext(5L).verifyComplete();

        assertThat(published).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(published.stream().flatMap(List::stream).map(OutgoingRecord::key))
                .containsExactly("k0", "k1", "k2", "k3", "k4");
        assertThat(remaining()).isZero();
    }

    @Test
    void aFailedPublishKeepsTheBatchForTheNextPoll() {
        append(3);
        kafkaDown.set(true);

        relay.relayAll().as(StepVerifier::create).verifyErrorMessage("kafka unavailable");
        assertThat(remaining()).isEqualTo(3);

        kafkaDown.set(false);
        relay.relayAll().as(StepVerifier::create).expectNext(3L).verifyComplete();
        assertThat(remaining()).isZero();
    }

    @Test
    void anEmptyOutboxRelaysNothing() {
        relay.relayAll().as(StepVerifier::create).expectNext(0L).verifyComplete();

        assertThat(published).isEmpty();
    }

    private void append(int count) {
        Flux.range(0, count).concatMap(i -> outbox.append("topic", "k" + i, "{\"n\":" + i + "}")).blockLast();
    }

    private long remaining() {
        return db.sql("SELECT count(*) AS n FROM outbox").map(row -> row.get("n", Long.class)).one().block();
    }
}
