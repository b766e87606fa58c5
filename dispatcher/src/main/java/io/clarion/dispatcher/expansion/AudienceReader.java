package io.clarion.dispatcher.expansion;

import io.clarion.core.audience.AudienceSql;
import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.core.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams a broadcast's audience from PostgreSQL in keyset pages ({@code id > last ORDER BY id}), so
 * only one page is in memory however large the audience. The segments and explicit recipients are
 * one OR-ed predicate (with the affected services, if any), so a recipient in several segments comes back once. Only the broadcast's tenant's
 * recipients are read: ids are unique per tenant, and the keyset walks the (tenant, id) primary key.
 */
@Component
class AudienceReader {
    private final DatabaseClient db;
    /** The recipient's contact points marked unusable, each still matching the contact point as it is now. */
    private static final String UNUSABLE = "ARRAY(SELECT u.channel || ':' || u.reason FROM unusable_contacts u "
            + "WHERE u.tenant_id = recipients.tenant_id AND u.recipient_id = recipients.id "
            + "AND u.destination = CASE u.channel WHEN 'email' THEN email "
            + "WHEN 'sms' THEN sms WHEN 'push' THEN push::text WHEN 'webhook' THEN webhook_url END) AS unusable";

    private final int pageSize;

    AudienceReader(DatabaseClient db, ExpansionProperties properties) {
        this.db = db;
        this.pageSize = properties.pageSize();
    }

    /**
     * A recipient's contact points, as the expander needs them; {@code unusable} lists the ones marked unusable,
     * as {@code channel:reason}.
     */
    record Member(String id, String email, String sms, String push, String webhookUrl, String webhookSecret,
                  String[] unusable) {
        /** Why this member's contact point for {@code channel} is unusable, or {@code null}. */
        String unusable(Channel channel) {
            String prefix = channel.wireName() + ":";
            for (String entry : unusable == null ? new String[0] : unusable) {
                if (entry.startsWith(prefix)) {
                    return entry.substring(prefix.length());
                }
            }
            return null;
        }
    }

    Flux<List<Member>> pages(BroadcastJob job) {
        AudienceSql.Predicate predicate = AudienceSql.compile(job.segments().values(), job.recipients(), job.services(), 4);
        return page(job.tenant(), predicate, "")
                .expand(members -> members.size() < pageSize ? Mono.empty()
                        : page(job.tenant(), predicate, members.get(members.size() - 1).id()))
                .filter(members -> !members.isEmpty());
    }

    private Mono<List<Member>> page(String tenant, AudienceSql.Predicate predicate, String after) {
        List<Object> parameters = new ArrayList<>(List.of(after, pageSize, tenant));
        parameters.addAll(predicate.parameters());
        return db.sql("SELECT id, email, sms, push::text AS push, webhook_url, webhook_secret, " + UNUSABLE
                        + " FROM recipients WHERE tenant_id = $3 AND id > $1 AND " + predicate.sql() + " ORDER BY id LIMIT $2")
                .bindValues(parameters)
                .map(row -> new Member(row.get("id", String.class), row.get("email", String.class),
                        row.get("sms", String.class), row.get("push", String.class),
                        row.get("webhook_url", String.class), row.get("webhook_secret", String.class),
                        row.get("unusable", String[].class)))
                .all()
                .collectList();
    }
}
