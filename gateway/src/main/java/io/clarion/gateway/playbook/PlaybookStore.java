package io.clarion.gateway.playbook;

import io.clarion.core.playbook.Playbook;
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

/** A tenant's playbooks in PostgreSQL ({@code playbooks}); each change is audited in its transaction. */
@Component
class PlaybookStore {
    private final NamedDefinitions<Playbook> playbooks;

    PlaybookStore(DatabaseClient db, JsonBodies json, TransactionalOperator tx, AuditLog audit) {
        this.playbooks = new NamedDefinitions<>(db, json, tx, audit, "playbooks", "playbook", new TypeReference<>() { });
    }

    /** Creates or replaces a playbook; emits whether it was created. */
    Mono<Boolean> put(Caller caller, Playbook playbook) {
        return playbooks.put(caller, playbook.name(), playbook);
    }

    Mono<Playbook> find(String tenant, String name) {
        return playbooks.find(tenant, name);
    }

    /** Every playbook of the tenant (a tenant has a handful, so all of them are compared in memory). */
    Mono<List<Playbook>> all(String tenant) {
        return playbooks.all(tenant);
    }
}
