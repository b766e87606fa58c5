package io.clarion.gateway.audit;

import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.http.JsonBodies;
import io.r2dbc.postgresql.codec.Json;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The append-only audit log: who changed what, when, in which tenant. Entries are written in the
 * transaction of the change they describe, so the log has an entry exactly for each change that
 * committed. The table refuses UPDATE and DELETE (a trigger), so entries cannot be rewritten.
 */
@Component
public class AuditLog {
    private final DatabaseClient db;
    private final JsonBodies json;

    AuditLog(DatabaseClient db, JsonBodies json) {
        this.db = db;
        this.json = json;
    }

    /** Appends an entry about an object of the actor's own tenant; call inside the change's transaction. */
    public Mono<Void> record(Caller actor, String action, String subject, Map<String, ?> detail) {
        return record(actor, actor.tenant(), action, subject, detail);
    }

    /** Appends an entry about an object of {@code tenant} (an operator may act on any tenant). */
    public Mono<Void> record(Caller actor, String tenant, String action, String subject, Map<String, ?> detail) {
        return record(actor.actor(), tenant, action, subject, detail);
    }

    /** Appends an entry about a change the system made by itself ({@code actor} names the mechanism). */
    public Mono<Void> record(String actor, String tenant, String action, String subject, Map<String, ?> detail) {
        return db.sql("INSERT INTO audit_log (actor, tenant_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)")
                .bindValues(List.of(actor, tenant, action, subject, Json.of(json.write(detail))))
                .then();
    }
}
