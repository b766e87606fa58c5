package io.clarion.gateway.blackout;

import io.clarion.core.blackout.Blackout;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.definition.NamedDefinitions;
import io.clarion.gateway.http.JsonBodies;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/** A tenant's blackouts in PostgreSQL ({@code blackouts}); each change is audited in its transaction. */
@Component
class BlackoutStore {
    private final NamedDefinitions<Blackout> blackouts;

    BlackoutStore(DatabaseClient db, JsonBodies json, TransactionalOperator tx, AuditLog audit) {
        this.blackouts = new NamedDefinitions<>(db, json, tx, audit, "blackouts", "blackout", new TypeReference<>() { });
    }

    /** Creates or replaces a blackout; emits whether it was created. */
    Mono<Boolean> put(Caller caller, Blackout blackout) {
        return blackouts.put(caller, blackout.name(), blackout);
    }

    /** Deletes a blackout; emits whether it existed. */
    Mono<Boolean> delete(Caller caller, String name) {
        return blackouts.delete(caller, name);
    }

    /** Every blackout of the tenant, by name (a tenant has a handful). */
    Mono<List<Blackout>> all(String tenant) {
        return blackouts.all(tenant);
    }
}
