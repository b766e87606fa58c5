package io.clarion.gateway.tenant;

import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The tenants table: every customer object belongs to exactly one of these. */
@Component
public class Tenants {
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    Tenants(DatabaseClient db, TransactionalOperator tx, AuditLog audit) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
    }

    public Mono<Boolean> exists(String id) {
        return db.sql("SELECT 1 FROM tenants WHERE id = $1").bind(0, id).fetch().first().hasElement();
    }

    /** Creates a tenant; emits false when one with that id exists already. */
    Mono<Boolean> create(Caller caller, String id, String name) {
        return db.sql("INSERT INTO tenants (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
                .bind(0, id).bind(1, name)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.just(false)
                        : audit.record(caller, id, "tenant.created", "tenant/" + id, Map.of("name", name)).thenReturn(true))
                .as(tx::transactional);
    }
}
