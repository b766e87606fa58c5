package io.clarion.gateway.outbox;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The transactional outbox: a record is appended in the same database transaction as the state it
 * announces, and {@link OutboxRelay} publishes it to Kafka afterwards. So an accepted broadcast and its
 * Kafka record cannot diverge: if the process dies after the commit, the relay publishes on restart.
 */
@Component
public class Outbox {
    private final DatabaseClient db;
    private final OutboxRelay relay;

    Outbox(DatabaseClient db, OutboxRelay relay) {
        this.db = db;
        this.relay = relay;
    }

    /** Appends a record; call inside the transaction that stores what it announces. */
    public Mono<Void> append(String topic, String key, String payload) {
        return db.sql("INSERT INTO outbox (topic, record_key, payload) VALUES ($1, $2, $3)")
                .bind(0, topic).bind(1, key).bind(2, payload)
                .then();
    }

    /** Tells the relay to look now rather than at its next poll; call after the transaction commits. */
    public void nudge() {
        relay.nudge();
    }
}
