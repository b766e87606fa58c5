package io.clarion.gateway.blackout;

import io.clarion.core.audience.AudienceSql;
import io.clarion.core.audience.SegmentRule;
import io.clarion.core.blackout.Blackout;
import io.clarion.core.blackout.Blackouts;
import io.clarion.gateway.segment.SegmentStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How many recipients of an audience a blackout would hold now, for the blast-radius preview: the audience is
 * counted by PostgreSQL grouped by time zone and by membership of each blackout's audience, and each group is
 * decided by the same rule the dispatchers apply ({@link Blackouts}), with the recipient's time zone (none: UTC)
 * at this gateway's clock. Blackouts whose window cannot hold anyone now, or that the update's severity overrides,
 * are left out before the query; without any, no query runs.
 */
@Component
public class BlackoutExposure {
    private final BlackoutStore store;
    private final SegmentStore segments;
    private final DatabaseClient db;
    private final Clock clock;

    BlackoutExposure(BlackoutStore store, SegmentStore segments, DatabaseClient db, Clock clock) {
        this.store = store;
        this.segments = segments;
        this.db = db;
        this.clock = clock;
    }

    /**
     * Recipients of {@code audience} (a predicate over {@code recipients r} numbered from {@code $2}; {@code $1} is
     * the tenant) that a delivery of this incident's update would be held for now.
     */
    public Mono<Long> heldNow(String tenant, String incidentId, int version, AudienceSql.Predicate audience) {
        Instant now = clock.instant();
        return severity(tenant, incidentId, version)
                .zipWith(store.all(tenant))
                .map(found -> found.getT2().stream().filter(b -> !b.isOverriddenBy(found.getT1()) && mayHold(b, now))
                        .toList())
                .flatMap(candidates -> candidates.isEmpty() ? Mono.just(0L)
                        : segments.findAll(tenant, names(candidates))
                                .flatMap(rules -> count(tenant, audience, candidates, rules, now)));
    }

    private Mono<String> severity(String tenant, String incidentId, int version) {
        return db.sql("SELECT severity FROM incident_updates WHERE tenant_id = $1 AND incident_id = $2 AND version = $3")
                .bind(0, tenant).bind(1, incidentId).bind(2, version)
                .map(row -> row.get("severity", String.class))
                .one()
                .defaultIfEmpty("");
    }

    /** A daily window may hold someone somewhere at any instant; an absolute one only between its start and end. */
    private static boolean mayHold(Blackout blackout, Instant now) {
        return blackout.window().daily() || blackout.window().endIfInside(now, ZoneOffset.UTC).isPresent();
    }

    private static List<String> names(List<Blackout> blackouts) {
        return blackouts.stream().flatMap(b -> b.segmentsOrEmpty().stream()).distinct().toList();
    }

    private Mono<Long> count(String tenant, AudienceSql.Predicate audience, List<Blackout> blackouts,
                             Map<String, SegmentRule> rules, Instant now) {
        List<Object> parameters = new ArrayList<>(List.of(tenant));
        parameters.addAll(audience.parameters());
        List<String> columns = new ArrayList<>(List.of("coalesce(r.time_zone, 'UTC') AS zone"));
        for (int i = 0; i < blackouts.size(); i++) {
            columns.add(member(blackouts.get(i), rules, parameters) + " AS b" + i);
        }
        String groups = String.join(", ", IntStream.rangeClosed(1, columns.size())
                .mapToObj(Integer::toString).toList());
        return db.sql("SELECT " + String.join(", ", columns) + ", count(*) AS n FROM recipients r WHERE r.tenant_id = $1 AND "
                        + audience.sql() + " GROUP BY " + groups)
                .bindValues(parameters)
                .map(row -> {
                    ZoneId zone = Blackouts.zoneOrUtc(row.get("zone", String.class));
                    for (int i = 0; i < blackouts.size(); i++) {
                        if (Boolean.TRUE.equals(row.get("b" + i, Boolean.class))
                                && blackouts.get(i).window().endIfInside(now, zone).isPresent()) {
                            return row.get("n", Long.class);
                        }
                    }
                    return 0L;
                })
                .all()
                .reduce(0L, Long::sum);
    }

    /** Whether the recipient is in the blackout's audience, as SQL (its parameters appended to {@code parameters}). */
    private static String member(Blackout blackout, Map<String, SegmentRule> rules, List<Object> parameters) {
        if (blackout.audience() == null) {
            return "TRUE";
        }
        List<SegmentRule> existing = blackout.segmentsOrEmpty().stream().filter(rules::containsKey).map(rules::get).toList();
        if (existing.isEmpty()) {
            return "FALSE";
        }
        AudienceSql.Predicate predicate = AudienceSql.compile(existing, List.of(), parameters.size() + 1);
        parameters.addAll(predicate.parameters());
        return "(" + predicate.sql() + ")";
    }
}
