package io.clarion.dispatcher.expansion;

import io.clarion.core.audience.AudienceSql;
import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.core.channel.Channel;
import io.clarion.core.channel.ChannelDescriptor;
import io.clarion.core.delivery.RecipientContext;
import io.r2dbc.spi.Row;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams a broadcast's audience from PostgreSQL in keyset pages ({@code id > last ORDER BY id}), so
 * only one page is in memory however large the audience. The segments and explicit recipients are
 * one OR-ed predicate (with the affected services, if any), so a recipient in several segments comes back once;
 * recipients of the job's outreach tiers never come back (they are reached in person). Only the broadcast's tenant's
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

    /**
     * String-valued attributes as two arrays in one order (a template may name them). A recipient without
     * attributes skips the two subqueries: they were most of the page query's time for such an audience.
     */
    private static final String ATTRIBUTES = "CASE WHEN attributes = '{}'::jsonb THEN '{}'::text[] ELSE "
            + "ARRAY(SELECT a.key FROM jsonb_each(attributes) a "
            + "WHERE jsonb_typeof(a.value) = 'string' ORDER BY a.key) END AS attribute_names, "
            + "CASE WHEN attributes = '{}'::jsonb THEN '{}'::text[] ELSE "
            + "ARRAY(SELECT a.value #>> '{}' FROM jsonb_each(attributes) a "
            + "WHERE jsonb_typeof(a.value) = 'string' ORDER BY a.key) END AS attribute_values, ";

    private final int pageSize;

    AudienceReader(DatabaseClient db, ExpansionProperties properties) {
        this.db = db;
        this.pageSize = properties.pageSize();
    }

    /**
     * A recipient's contact points and secrets by channel (absent: none), as the expander needs them;
     * {@code unusable} lists the ones marked unusable, as {@code channel:reason}.
     */
    record Member(String id, Map<Channel, String> contacts, Map<Channel, String> secrets, String[] unusable,
                  RecipientContext context) {
        /** The destination of a delivery on {@code channel}, as its descriptor reads it; {@code null}: none. */
        String destination(Channel channel) {
            return channel.descriptor().destination(contacts.get(channel));
        }

        String secret(Channel channel) {
            return secrets.get(channel);
        }

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

        static Member of(Row row) {
            Map<Channel, String> contacts = new EnumMap<>(Channel.class);
            Map<Channel, String> secrets = new EnumMap<>(Channel.class);
            for (Channel channel : Channel.values()) {
                ChannelDescriptor descriptor = channel.descriptor();
                putIfPresent(contacts, channel, row.get(descriptor.contactColumn(), String.class));
                if (descriptor.secretColumn() != null) {
                    putIfPresent(secrets, channel, row.get(descriptor.secretColumn(), String.class));
                }
            }
            return new Member(row.get("id", String.class), contacts, secrets, row.get("unusable", String[].class),
                    new RecipientContext(row.get("locale", String.class), row.get("tier", String.class),
                            attributes(row.get("attribute_names", String[].class),
                                    row.get("attribute_values", String[].class)), row.get("region", String.class),
                            List.of(row.get("services", String[].class)), row.get("time_zone", String.class)));
        }

        /** The recipient's attributes with string values (the only ones a template can say). */
        private static Map<String, String> attributes(String[] names, String[] values) {
            Map<String, String> attributes = new HashMap<>();
            for (int i = 0; names != null && i < names.length; i++) {
                attributes.put(names[i], values[i]);
            }
            return attributes;
        }

        private static void putIfPresent(Map<Channel, String> map, Channel channel, String value) {
            if (value != null) {
                map.put(channel, value);
            }
        }
    }

    Flux<List<Member>> pages(BroadcastJob job) {
        AudienceSql.Predicate predicate = AudienceSql.compile(job.segments().values(), job.recipients(), job.services(), 4)
                .exceptTiers(job.outreachTiers(), 4);
        return page(job.tenant(), predicate, "")
                .expand(members -> members.size() < pageSize ? Mono.empty()
                        : page(job.tenant(), predicate, members.get(members.size() - 1).id()))
                .filter(members -> !members.isEmpty());
    }

    private Mono<List<Member>> page(String tenant, AudienceSql.Predicate predicate, String after) {
        List<Object> parameters = new ArrayList<>(List.of(after, pageSize, tenant));
        parameters.addAll(predicate.parameters());
        return db.sql("SELECT id, email, sms, push::text AS push, webhook_url, webhook_secret, locale, tier, "
                        + "region, services, time_zone, "
                        + ATTRIBUTES + UNUSABLE
                        + " FROM recipients WHERE tenant_id = $3 AND id > $1 AND " + predicate.sql() + " ORDER BY id LIMIT $2")
                .bindValues(parameters)
                .map((row, metadata) -> Member.of(row))
                .all()
                .collectList();
    }
}
