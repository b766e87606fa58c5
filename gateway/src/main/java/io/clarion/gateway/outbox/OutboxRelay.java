package io.clarion.gateway.outbox;

import io.clarion.gateway.kafka.OutgoingRecord;
import io.clarion.gateway.kafka.RecordPublisher;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import io.clarion.gateway.schedule.Periodic;
import io.clarion.gateway.schedule.PeriodicLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Relays outbox records to Kafka, at least once. Each batch is locked with {@code FOR UPDATE SKIP
 * LOCKED} (so several gateways never publish the same row concurrently), published, and deleted in the
 * same transaction; a failure rolls back and the batch is tried again at the next poll. A crash after
 * Kafka acknowledged but before the commit republishes the batch: consumers are idempotent for that.
 */
@Component
class OutboxRelay extends PeriodicLifecycle {
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RecordPublisher publisher;
    private final OutboxProperties properties;
    private final Sinks.Many<Long> nudges = Sinks.many().multicast().directBestEffort();
    private final Periodic periodic;

    OutboxRelay(DatabaseClient db, TransactionalOperator tx, RecordPublisher publisher, OutboxProperties properties) {
        this.db = db;
        this.tx = tx;
        this.publisher = publisher;
        this.properties = properties;
        this.periodic = new Periodic("outbox relay", Flux.merge(Flux.interval(properties.pollInterval()),
                nudges.asFlux()), this::relayAll);
    }

    void nudge() {
        nudges.tryEmitNext(0L);
    }

    /** Drains the outbox: relays batches until one comes back short; emits the number relayed. */
    Mono<Long> relayAll() {
        return relayBatch()
                .expand(n -> n == properties.batchSize() ? relayBatch() : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> relayBatch() {
        return lockBatch()
                .flatMap(batch -> batch.isEmpty() ? Mono.just(0L)
                        : publisher.publishAll(batch).then(delete(batch)).thenReturn((long) batch.size()))
                .as(tx::transactional);
    }

    private Mono<List<OutgoingRecord>> lockBatch() {
        return db.sql("SELECT id, topic, record_key, payload FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED")
                .bind(0, properties.batchSize())
                .map(row -> new OutgoingRecord(row.get("id", Long.class), row.get("topic", String.class),
                        row.get("record_key", String.class), row.get("payload", String.class)))
                .all()
                .collectList();
    }

    private Mono<Void> delete(List<OutgoingRecord> batch) {
        return db.sql("DELETE FROM outbox WHERE id = ANY($1)")
                .bind(0, batch.stream().map(OutgoingRecord::id).toArray(Long[]::new))
                .then();
    }

    @Override
    protected Periodic periodic() {
        return periodic;
    }
}
