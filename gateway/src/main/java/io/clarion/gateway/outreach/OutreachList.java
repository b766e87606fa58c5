package io.clarion.gateway.outreach;

import io.clarion.core.audience.AudienceSql;
import io.clarion.core.broadcast.BroadcastJob;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * An incident's outreach list in PostgreSQL: one entry per (tenant, incident, recipient) of an outreach tier that
 * a published broadcast of the incident withheld. {@link #fill} runs in the transaction that publishes the
 * broadcast (accepted without approval, or released), so a broadcast that is pending, rejected or rolled back puts
 * nobody on the list. A later version refreshes the entry (its version, broadcast and owner attribute) and so
 * re-opens it; an earlier version released late never rolls an entry back. Entries hold no contact point: email,
 * sms and owner are read from the recipient as it is when the list is read.
 */
@Component
public class OutreachList {
    private static final int FIRST_AUDIENCE_PARAMETER = 6;
    /** A later (or the same) version refreshes an entry; an earlier one released late leaves it as it is. */
    private static final String REFRESH = """
             ON CONFLICT (tenant_id, incident_id, recipient_id) DO UPDATE SET
              broadcast_id = EXCLUDED.broadcast_id, version = EXCLUDED.version,
              owner_attribute = EXCLUDED.owner_attribute, updated_at = now()
            WHERE outreach.version <= EXCLUDED.version""";

    private static final String SELECT = """
            SELECT o.recipient_id, r.tier, r.email, r.sms, r.attributes ->> o.owner_attribute AS owner, o.owner_attribute,
              o.version, o.broadcast_id, o.done_version, o.done_by, o.done_at
            FROM outreach o JOIN recipients r ON r.tenant_id = o.tenant_id AND r.id = o.recipient_id""";

    private final DatabaseClient db;

    OutreachList(DatabaseClient db) {
        this.db = db;
    }

    /** One entry as {@code GET /v1/incidents/{id}/outreach} answers it; done means done for {@code version}. */
    record Entry(String recipientId, String tier, Map<String, String> contact, String owner, String ownerAttribute,
                 int version, UUID broadcastId, boolean done, Integer doneVersion, String doneBy, Instant doneAt) {
    }

    /** Puts the outreach recipients of a published broadcast on its incident's list; call in its transaction. */
    public Mono<Void> fill(BroadcastJob job) {
        if (job.outreachTiers().isEmpty()) {
            return Mono.empty();
        }
        AudienceSql.Predicate outreach = AudienceSql.compile(job.segments().values(), job.recipients(), job.services(),
                FIRST_AUDIENCE_PARAMETER).onlyTiers(job.outreachTiers(), FIRST_AUDIENCE_PARAMETER);
        List<Object> parameters = new ArrayList<>(List.of(job.tenant(), job.incidentId(),
                UUID.fromString(job.broadcastId()), job.version(), job.outreach().ownerAttributeOrDefault()));
        parameters.addAll(outreach.parameters());
        return db.sql("INSERT INTO outreach (tenant_id, incident_id, recipient_id, broadcast_id, version, owner_attribute) "
                        + "SELECT $1, $2, id, $3, $4, $5 FROM recipients WHERE tenant_id = $1 AND " + outreach.sql()
                        + REFRESH)
                .bindValues(parameters)
                .then();
    }

    /** The incident's entries, open ones first, then by owner and recipient. */
    Mono<List<Entry>> entries(String tenant, String incidentId) {
        return db.sql(SELECT + " WHERE o.tenant_id = $1 AND o.incident_id = $2 "
                        + "ORDER BY (o.done_version IS NOT DISTINCT FROM o.version), owner NULLS LAST, o.recipient_id")
                .bind(0, tenant).bind(1, incidentId)
                .map(OutreachList::entry)
                .all()
                .collectList();
    }

    Mono<Entry> entry(String tenant, String incidentId, String recipientId) {
        return db.sql(SELECT + " WHERE o.tenant_id = $1 AND o.incident_id = $2 AND o.recipient_id = $3")
                .bind(0, tenant).bind(1, incidentId).bind(2, recipientId)
                .map(OutreachList::entry)
                .one();
    }

    /** Marks an open entry done for its version, as {@code actor}; emits that version, empty if none was open. */
    Mono<Integer> markDone(String tenant, String incidentId, String recipientId, String actor) {
        return db.sql("""
                        UPDATE outreach SET done_version = version, done_by = $4, done_at = now(), updated_at = now()
                        WHERE tenant_id = $1 AND incident_id = $2 AND recipient_id = $3
                          AND done_version IS DISTINCT FROM version
                        RETURNING version""")
                .bind(0, tenant).bind(1, incidentId).bind(2, recipientId).bind(3, actor)
                .map(row -> row.get("version", Integer.class))
                .one();
    }

    /** Whether the tenant has this incident (an absent or another tenant's incident answers 404). */
    Mono<Boolean> incidentExists(String tenant, String incidentId) {
        return db.sql("SELECT 1 FROM incidents WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenant).bind(1, incidentId)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    private static Entry entry(Readable row) {
        Map<String, String> contact = new LinkedHashMap<>();
        putIfPresent(contact, "email", row.get("email", String.class));
        putIfPresent(contact, "sms", row.get("sms", String.class));
        int version = row.get("version", Integer.class);
        Integer doneVersion = row.get("done_version", Integer.class);
        OffsetDateTime doneAt = row.get("done_at", OffsetDateTime.class);
        return new Entry(row.get("recipient_id", String.class), row.get("tier", String.class), contact,
                row.get("owner", String.class), row.get("owner_attribute", String.class), version,
                row.get("broadcast_id", UUID.class), doneVersion != null && doneVersion == version, doneVersion,
                row.get("done_by", String.class), doneAt == null ? null : doneAt.toInstant());
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
