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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/** Recipients in PostgreSQL, per tenant: one upsert for a single PUT, one multi-row upsert per import batch. */
@Component
class RecipientStore {
    private static final Logger log = LoggerFactory.getLogger(RecipientStore.class);
    private static final String COLUMNS =
            "tenant_id, id, locale, tier, region, time_zone, services, attributes, email, sms, push, webhook_url, webhook_secret";
    private static final int COLUMN_COUNT = 13;
    private static final String ON_CONFLICT = """
             ON CONFLICT (tenant_id, id) DO UPDATE SET locale = EXCLUDED.locale, tier = EXCLUDED.tier,
             region = EXCLUDED.region, time_zone = EXCLUDED.time_zone, services = EXCLUDED.services,
             attributes = EXCLUDED.attributes, email = EXCLUDED.email, sms = EXCLUDED.sms, push = EXCLUDED.push,
             webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret, updated_at = now()""";

    private static final long ANALYZE_MIN_ROWS = 1_000;
    private static final double ANALYZE_FRACTION = 0.1;

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };
    private static final TypeReference<List<RecipientRequest.PushToken>> PUSH = new TypeReference<>() { };

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
        return store(caller.tenant(), recipient)
                .flatMap(created -> audit.record(caller, created ? "recipient.created" : "recipient.replaced",
                        "recipient/" + recipient.id(), Map.of()).thenReturn(created))
                .as(tx::transactional);
    }

    /**
     * Refreshes the planner's statistics of {@code recipients} ({@code ANALYZE}) after an import of at least
     * {@value #ANALYZE_MIN_ROWS} rows that is more than a tenth of the table: autovacuum's own threshold, but at once
     * rather than within its next minute. Without it, a broadcast sent right after a large import runs on statistics
     * that know nothing of the new rows (a segment's tier thought to hold a handful): the planner then reads every
     * remaining match of the audience and sorts it for each keyset page, so the expansion is quadratic in the
     * audience and PostgreSQL takes a core. Emits whether it analyzed.
     */
    Mono<Boolean> refreshStatisticsAfterImport(long imported) {
        if (imported < ANALYZE_MIN_ROWS) {
            return Mono.just(false);
        }
        // reltuples: the row count as of the last ANALYZE (-1: never analyzed)
        return db.sql("SELECT reltuples FROM pg_class WHERE oid = 'recipients'::regclass")
                .map(row -> row.get("reltuples", Float.class))
                .one()
                .flatMap(rows -> imported > ANALYZE_FRACTION * Math.max(0f, rows)
                        ? db.sql("ANALYZE recipients").then().thenReturn(true) : Mono.just(false))
                // the rows are stored either way: the import still answers, and autovacuum analyzes later
                .onErrorResume(error -> {
                    log.warn("recipients: could not refresh the planner's statistics after an import of {} rows: {}",
                            imported, error.toString());
                    return Mono.just(false);
                });
    }

    /** Records that an import ran, with its counts (the rows themselves are not audited one by one). */
    Mono<Void> auditImport(Caller caller, long imported, long rejected) {
        return audit.record(caller, "recipients.imported", "recipients",
                Map.of("imported", imported, "rejected", rejected));
    }

    private Mono<Boolean> store(String tenant, RecipientRequest recipient) {
        return db.sql("INSERT INTO recipients (" + COLUMNS + ") VALUES " + Placeholders.rows(1, COLUMN_COUNT) + ON_CONFLICT
                        + " RETURNING (xmax = 0) AS created")
                .bindValues(values(tenant, recipient))
                .map(row -> row.get("created", Boolean.class))
                .one();
    }

    /** Creates or replaces a batch in one statement; a later line with the same id wins. */
    Mono<Long> upsertAll(String tenant, Collection<RecipientRequest> recipients) {
        if (recipients.isEmpty()) {
            return Mono.just(0L);
        }
        List<Object> values = new ArrayList<>(recipients.size() * COLUMN_COUNT);
        recipients.forEach(r -> values.addAll(values(tenant, r)));
        return db.sql("INSERT INTO recipients (" + COLUMNS + ") VALUES " + Placeholders.rows(recipients.size(), COLUMN_COUNT) + ON_CONFLICT)
                .bindValues(values)
                .fetch().rowsUpdated();
    }

    private List<Object> values(String tenant, RecipientRequest r) {
        var contacts = r.contacts() == null ? new RecipientRequest.Contacts(null, null, null, null) : r.contacts();
        var webhook = contacts.webhook();
        return List.of(tenant, r.id(), nullable(r.locale()), nullable(r.tier()), nullable(r.region()), nullable(r.timeZone()),
                r.servicesOrEmpty().toArray(String[]::new),
                Json.of(json.write(r.attributes() == null ? Map.of() : r.attributes())),
                nullable(contacts.email()), nullable(contacts.sms()),
                Json.of(json.write(contacts.push() == null ? List.of() : contacts.push())),
                nullable(webhook == null ? null : webhook.url()), nullable(webhook == null ? null : webhook.secret()));
    }

    /** The tenant's recipient {@code id}, as stored (the webhook secret included: mask it before answering). */
    Mono<RecipientRequest> find(String tenant, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM recipients WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenant).bind(1, id)
                .map(row -> new RecipientRequest(row.get("id", String.class), row.get("locale", String.class),
                        row.get("tier", String.class), row.get("region", String.class), row.get("time_zone", String.class),
                        List.of(row.get("services", String[].class)),
                        json.read(row.get("attributes", Json.class).asString(), ATTRIBUTES),
                        new RecipientRequest.Contacts(row.get("email", String.class), row.get("sms", String.class),
                                json.read(row.get("push", Json.class).asString(), PUSH),
                                webhook(row.get("webhook_url", String.class), row.get("webhook_secret", String.class)))))
                .one();
    }

    private static RecipientRequest.Webhook webhook(String url, String secret) {
        return url == null ? null : new RecipientRequest.Webhook(url, secret);
    }

    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }
}
