package io.clarion.gateway.broadcast;

import io.clarion.core.broadcast.Approval;
import io.clarion.core.audience.AudienceSql;
import io.clarion.core.audience.SegmentRule;
import io.clarion.gateway.settings.SettingsStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides at submission whether a broadcast waits for approval: when the request asks for it, and always
 * when its audience is above the tenant's {@code maxAudienceWithoutApproval}, whatever the request says.
 * The audience is counted by one COUNT over at most {@code max + 1} rows, so a huge audience costs no more
 * than the cap. Recipients of the broadcast's outreach tiers are not counted: they are not broadcast to. An
 * approval forced by the cap has no auto-release unless the request itself asked for approval with one: the cap
 * exists so that a human looks.
 */
@Component
class ApprovalPolicy {
    private final DatabaseClient db;
    private final SettingsStore settings;

    ApprovalPolicy(DatabaseClient db, SettingsStore settings) {
        this.db = db;
        this.settings = settings;
    }

    /** What a broadcast needs before release: {@code required} false means it is accepted at once. */
    record Decision(boolean required, boolean forced, Duration autoRelease) {
        static final Decision NONE = new Decision(false, false, null);
    }

    Mono<Decision> decide(String tenant, Approval requested, Collection<SegmentRule> segments,
                          List<String> recipients, List<String> services, List<String> outreachTiers) {
        boolean asked = requested != null && requested.isRequired();
        return settings.find(tenant).flatMap(found -> {
            int max = found.maxAudienceWithoutApproval();
            return countUpTo(tenant, AudienceSql.compile(segments, recipients, services, 3)
                    .exceptTiers(outreachTiers, 3), max + 1L).map(count -> {
                boolean overCap = count > max;
                if (!asked && !overCap) {
                    return Decision.NONE;
                }
                return new Decision(true, overCap && !asked, asked ? requested.autoRelease() : null);
            });
        });
    }

    private Mono<Long> countUpTo(String tenant, AudienceSql.Predicate predicate, long limit) {
        List<Object> parameters = new ArrayList<>(List.of(tenant, limit));
        parameters.addAll(predicate.parameters());
        return db.sql("SELECT count(*) AS n FROM (SELECT 1 FROM recipients WHERE tenant_id = $1 AND "
                        + predicate.sql() + " LIMIT $2) AS audience")
                .bindValues(parameters)
                .map(row -> row.get("n", Long.class))
                .one();
    }
}
