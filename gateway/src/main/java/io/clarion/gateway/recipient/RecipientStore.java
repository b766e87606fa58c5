package io.clarion.gateway.recipient;

import io.clarion.core.sql.Placeholders;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.http.JsonBodies;
import io.r2dbc.postgresql.codec.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Recipients in PostgreSQL: one upsert for a single PUT, one multi-row upsert per import batch. */
@Component
class RecipientStore {
    private static final String COLUMNS =
            "id, locale, tier, region, time_zone, services, attributes, email, sms, push, webhook_url, webhook_secret";
    private static final int COLUMN_COUNT = 12;
    private static final String ON_CONFLICT = """
             ON CONFLICT (id) DO UPDATE SET locale = EXCLUDED.locale, tier = EXCLUDED.tier,
             region = EXCLUDED.region, time_zone = EXCLUDED.time_zone, services = EXCLUDED.services,
             attributes = EXCLUDED.attributes, email = EXCLUDED.email, sms = EXCLUDED.sms, push = EXCLUDED.push,
             webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret, updated_at = now()""";

    private final DatabaseClient db;
    private final JsonBodies json;
    private final TransactionalOperator tx;
    private final AuditLog audit;

    RecipientStore(DatabaseClient db, JsonBodies json, TransactionalOperator tx, AuditLog audit) {
        this.db = db;
        this.json = json;
        this.tx = tx;
        this.audit = audit;
    }

    /** Creates or replaces one recipient; emits whether it was created. */
    Mono<Boolean> upsert(Caller caller, RecipientRequest recipient) {
        return store(recipient)
                .flatMap(created -> audit.record(caller, created ? "recipient.created" : "recipient.replaced",
                        "recipient/" + recipient.id(), Map.of()).thenReturn(created))
                .as(tx::transactional);
    }

    /** Records that an import ran, with its counts (the rows themselves are not audited one by one). */
    Mono<Void> auditImport(Caller caller, long imported, long rejected) {
        return audit.record(caller, "recipients.imported", "recipients",
                Map.of("imported", imported, "rejected", rejected));
    }

    private Mono<Boolean> store(RecipientRequest recipient) {
        return db.sql("INSERT INTO recipients (" + COLUMNS + ") VALUES " + Placeholders.rows(1, COLUMN_COUNT) + ON_CONFLICT
                        + " RETURNING (xmax = 0) AS created")
                .bindValues(values(recipient))
                .map(row -> row.get("created", Boolean.class))
                .one();
    }

    /** Creates or replaces a batch in one statement; a later line with the same id wins. */
    Mono<Long> upsertAll(Collection<RecipientRequest> recipients) {
        if (recipients.isEmpty()) {
            return Mono.just(0L);
        }
        List<Object> values = new ArrayList<>(recipients.size() * COLUMN_COUNT);
        recipients.forEach(r -> values.addAll(values(r)));
        return db.sql("INSERT INTO recipients (" + COLUMNS + ") VALUES " + Placeholders.rows(recipients.size(), COLUMN_COUNT) + ON_CONFLICT)
                .bindValues(values)
                .fetch().rowsUpdated();
    }

    private List<Object> values(RecipientRequest r) {
        var contacts = r.contacts() == null ? new RecipientRequest.Contacts(null, null, null, null) : r.contacts();
        var webhook = contacts.webhook();
        return List.of(r.id(), nullable(r.locale()), nullable(r.tier()), nullable(r.region()), nullable(r.timeZone()),
                r.servicesOrEmpty().toArray(String[]::new),
                Json.of(json.write(r.attributes() == null ? Map.of() : r.attributes())),
                nullable(contacts.email()), nullable(contacts.sms()),
                Json.of(json.write(contacts.push() == null ? List.of() : contacts.push())),
                nullable(webhook == null ? null : webhook.url()), nullable(webhook == null ? null : webhook.secret()));
    }

    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }
}
