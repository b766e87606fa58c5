package io.clarion.gateway.broadcast;

import io.clarion.core.audience.AudienceSql;
import io.clarion.core.audience.SegmentRule;
import io.clarion.core.channel.Channel;
import io.clarion.gateway.blackout.BlackoutExposure;
import io.clarion.gateway.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Counts what a broadcast would do without doing it: every figure is aggregated by PostgreSQL
 * ({@code count(*) FILTER}, {@code GROUP BY}) so no recipient row travels to the gateway but the few
 * samples, and the statements run under {@code clarion.preview.statement-timeout}, so even a million
 * recipients cost bounded time (past the timeout: {@code 503}, nothing changed). The counts are exact
 * ({@code "method": "exact"}) as of the moment of the preview. Per channel, a recipient is either reached
 * ({@code byChannel}), without a contact point ({@code no-contact}) or with one marked unusable; so the
 * three sum to recipients × channels, the broadcast's {@code targeted}. {@code suppressed.blackout} is apart from
 * that sum: it counts recipients (not pairs) whose deliveries a blackout would hold now ({@link BlackoutExposure});
 * they are deferred, not lost. Recipients of the broadcast's outreach tiers are not broadcast to: no figure counts
 * them but {@code outreach}, how many would go on the outreach list.
 */
@Component
class BlastRadius {
    private static final int SAMPLES = 5;
    private static final String QUERY_CANCELED = "57014";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final PreviewProperties properties;
    private final DeliveryEstimate estimate;
    private final BlackoutExposure blackouts;

    BlastRadius(DatabaseClient db, TransactionalOperator tx, PreviewProperties properties, DeliveryEstimate estimate,
                BlackoutExposure blackouts) {
        this.blackouts = blackouts;
        this.db = db;
        this.tx = tx;
        this.properties = properties;
        this.estimate = estimate;
    }

    /**
     * The answer of a preview; {@code suppressed} counts (recipient, channel) pairs, {@code outreach} recipients.
     * Each sample is a recipient of the audience ({@code recipientId}), the {@code channels} it would be reached on
     * and, per such channel, the message it would be sent ({@link #withMessages}).
     */
    record Preview(String method, long recipients, Map<String, Long> byChannel, Map<String, Long> bySegment,
                   Map<String, Long> byTier, Map<String, Long> suppressed, Map<String, Double> estimatedSeconds,
                   List<Map<String, Object>> samples, long outreach) {

        /** Each sample's channels, by recipient id. */
        Map<String, List<Channel>> sampleChannels() {
            Map<String, List<Channel>> channels = new LinkedHashMap<>();
            for (Map<String, Object> sample : samples) {
                @SuppressWarnings("unchecked")
                List<String> names = (List<String>) sample.get("channels");
                channels.put((String) sample.get("recipientId"),
                        names.stream().map(name -> Channel.parse(name).orElseThrow()).toList());
            }
            return channels;
        }

        /** This preview with each sample's messages ({@code email: {...}, ...}) by recipient id added. */
        Preview withMessages(Map<String, Map<String, Object>> messages) {
            List<Map<String, Object>> withMessages = samples.stream().map(sample -> {
                Map<String, Object> copy = new LinkedHashMap<>(sample);
                copy.putAll(messages.getOrDefault((String) sample.get("recipientId"), Map.of()));
                return copy;
            }).toList();
            return new Preview(method, recipients, byChannel, bySegment, byTier, suppressed, estimatedSeconds,
                    withMessages, outreach);
        }
    }

    private record Counts(long recipients, Map<String, Long> byChannel, Map<String, Long> bySegment,
                          Map<String, Long> suppressed) {
        Counts withBlackout(long held) {
            Map<String, Long> withHeld = new LinkedHashMap<>(suppressed);
            withHeld.put("blackout", held);
            return new Counts(recipients, byChannel, bySegment, withHeld);
        }
    }

    /**
     * The preview of a broadcast of {@code incidentId}'s update {@code version} (its severity decides blackout
     * overrides); recipients of {@code outreachTiers} are counted apart.
     */
    Mono<Preview> preview(String tenant, String incidentId, int version, Map<String, SegmentRule> segments,
                          List<String> recipients, List<String> services, List<Channel> channels,
                          List<String> outreachTiers) {
        AudienceSql.Predicate everyone = AudienceSql.compile(segments.values(), recipients, services, 2);
        AudienceSql.Predicate audience = everyone.exceptTiers(outreachTiers, 2);
        return db.sql("SET LOCAL statement_timeout = " + properties.statementTimeout().toMillis()).then()
                .then(outreach(tenant, everyone, outreachTiers))
                .flatMap(outreach -> counts(tenant, audience, segments, channels)
                        .flatMap(counts -> blackouts.heldNow(tenant, incidentId, version, audience).map(counts::withBlackout))
                        .flatMap(counts -> byTier(tenant, audience).flatMap(tiers -> samples(tenant, audience, channels)
                                .flatMap(samples -> estimate.seconds(tenant, counts.byChannel())
                                        .map(seconds -> new Preview("exact", counts.recipients(), counts.byChannel(),
                                                counts.bySegment(), tiers, counts.suppressed(), seconds, samples,
                                                outreach))))))
                .as(tx::transactional)
                .onErrorMap(BlastRadius::isTimeout, e -> ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE,
                        "preview-timeout", "counting the audience took longer than "
                                + properties.statementTimeout() + " (clarion.preview.statement-timeout); try again later"));
    }

    private Mono<Counts> counts(String tenant, AudienceSql.Predicate audience, Map<String, SegmentRule> segments,
                                List<Channel> channels) {
        List<Object> parameters = new ArrayList<>(List.of(tenant));
        parameters.addAll(audience.parameters());
        List<String> columns = new ArrayList<>(List.of("count(*) AS recipients"));
        for (Channel channel : channels) {
            String name = channel.wireName();
            columns.add("count(*) FILTER (WHERE " + hasContact(channel) + ") AS " + name + "_contact");
            columns.add("count(*) FILTER (WHERE " + hasContact(channel) + " AND " + unusable(channel) + ") AS "
                    + name + "_unusable");
        }
        List<String> names = new ArrayList<>(new TreeMap<>(segments).keySet());
        for (int i = 0; i < names.size(); i++) {
            AudienceSql.Predicate rule = AudienceSql.compile(List.of(segments.get(names.get(i))), List.of(),
                    parameters.size() + 1);
            parameters.addAll(rule.parameters());
            columns.add("count(*) FILTER (WHERE " + rule.sql() + ") AS segment_" + i);
        }
        return db.sql("SELECT " + String.join(", ", columns) + " FROM recipients r WHERE r.tenant_id = $1 AND "
                        + audience.sql())
                .bindValues(parameters)
                .map(row -> {
                    long total = row.get("recipients", Long.class);
                    Map<String, Long> byChannel = new LinkedHashMap<>();
                    long noContact = 0;
                    long unusable = 0;
                    for (Channel channel : channels) {
                        long contact = row.get(channel.wireName() + "_contact", Long.class);
                        long marked = row.get(channel.wireName() + "_unusable", Long.class);
                        byChannel.put(channel.wireName(), contact - marked);
                        noContact += total - contact;
                        unusable += marked;
                    }
                    Map<String, Long> bySegment = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        bySegment.put(names.get(i), row.get("segment_" + i, Long.class));
                    }
                    Map<String, Long> suppressed = new LinkedHashMap<>();
                    suppressed.put("no-contact", noContact);
                    suppressed.put("contact-point-unusable", unusable);
                    return new Counts(total, byChannel, bySegment, suppressed);
                })
                .one();
    }

    /** How many recipients of the audience are of an outreach tier (reached in person, not broadcast to). */
    private Mono<Long> outreach(String tenant, AudienceSql.Predicate everyone, List<String> outreachTiers) {
        if (outreachTiers.isEmpty()) {
            return Mono.just(0L);
        }
        AudienceSql.Predicate outreach = everyone.onlyTiers(outreachTiers, 2);
        List<Object> parameters = new ArrayList<>(List.of(tenant));
        parameters.addAll(outreach.parameters());
        return db.sql("SELECT count(*) AS n FROM recipients r WHERE r.tenant_id = $1 AND " + outreach.sql())
                .bindValues(parameters)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private Mono<Map<String, Long>> byTier(String tenant, AudienceSql.Predicate audience) {
        List<Object> parameters = new ArrayList<>(List.of(tenant));
        parameters.addAll(audience.parameters());
        return db.sql("SELECT coalesce(tier, '(none)') AS tier, count(*) AS n FROM recipients r WHERE r.tenant_id = $1 AND "
                        + audience.sql() + " GROUP BY 1 ORDER BY 1")
                .bindValues(parameters)
                .map(row -> Map.entry(row.get("tier", String.class), row.get("n", Long.class)))
                .all()
                .collect(LinkedHashMap::new, (tiers, entry) -> tiers.put(entry.getKey(), entry.getValue()));
    }

    private Mono<List<Map<String, Object>>> samples(String tenant, AudienceSql.Predicate audience,
                                                   List<Channel> channels) {
        List<Object> parameters = new ArrayList<>(List.of(tenant));
        parameters.addAll(audience.parameters());
        List<String> columns = channels.stream()
                .map(c -> "(" + hasContact(c) + " AND NOT " + unusable(c) + ") AS " + c.wireName()).toList();
        return db.sql("SELECT r.id, " + String.join(", ", columns) + " FROM recipients r WHERE r.tenant_id = $1 AND "
                        + audience.sql() + " ORDER BY r.id LIMIT " + SAMPLES)
                .bindValues(parameters)
                .map(row -> sample(row.get("id", String.class), channels.stream().map(Channel::wireName)
                        .filter(name -> Boolean.TRUE.equals(row.get(name, Boolean.class))).toList()))
                .all()
                .collectList();
    }

    private static Map<String, Object> sample(String recipientId, List<String> channels) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("recipientId", recipientId);
        sample.put("channels", channels);
        return sample;
    }

    /** Whether the recipient has a contact point for the channel, as the dispatcher's expansion decides it. */
    private static String hasContact(Channel channel) {
        return switch (channel) {
            case EMAIL -> "r.email IS NOT NULL";
            case SMS -> "r.sms IS NOT NULL";
            case PUSH -> "r.push <> '[]'::jsonb";
            case WEBHOOK -> "r.webhook_url IS NOT NULL";
        };
    }

    /** Whether that contact point, as it is now, is marked unusable (as the dispatcher's expansion reads it). */
    private static String unusable(Channel channel) {
        String destination = switch (channel) {
            case EMAIL -> "r.email";
            case SMS -> "r.sms";
            case PUSH -> "r.push::text";
            case WEBHOOK -> "r.webhook_url";
        };
        return "EXISTS (SELECT 1 FROM unusable_contacts u WHERE u.tenant_id = r.tenant_id AND u.recipient_id = r.id"
                + " AND u.channel = '" + channel.wireName() + "' AND u.destination = " + destination + ")";
    }

    private static boolean isTimeout(Throwable error) {
        return error instanceof io.r2dbc.spi.R2dbcException r2dbc && QUERY_CANCELED.equals(r2dbc.getSqlState())
                || error.getCause() instanceof io.r2dbc.spi.R2dbcException cause && QUERY_CANCELED.equals(cause.getSqlState());
    }
}
