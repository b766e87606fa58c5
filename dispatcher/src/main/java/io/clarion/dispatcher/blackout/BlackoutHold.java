package io.clarion.dispatcher.blackout;

import io.clarion.core.audience.SegmentRule;
import io.clarion.core.blackout.Blackout;
import io.clarion.core.blackout.Blackouts;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.RecipientContext;
import io.r2dbc.postgresql.codec.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a delivery waits for a blackout window ({@link Blackouts}): its recipient in a blackout's audience, the
 * window open for the recipient's time zone (none: UTC), its update's severity not among the overrides. A held
 * delivery is deferred ({@code RetryLater}, reason {@code blackout:<name>}, no attempt used) until the window
 * ends or {@code clarion.blackouts.max-hold} passes, whichever is first; then it is asked again.
 * <p>
 * Each tenant's blackouts and the rules of the segments they name are read once per
 * {@code clarion.blackouts.refresh} and shared by all deliveries meanwhile (no database read per delivery); a failed
 * read is not cached, the next delivery reads again. Time is this dispatcher's {@link Clock}.
 */
@Component
public class BlackoutHold {
    /** The reason prefix of a delivery held by a blackout. */
    public static final String REASON = "blackout:";
    private static final TypeReference<Blackout> BLACKOUT = new TypeReference<>() { };
    private static final TypeReference<Map<String, List<String>>> MATCH = new TypeReference<>() { };

    private final DatabaseClient db;
    private final JsonMapper json;
    private final BlackoutProperties properties;
    private final Clock clock;
    private final Map<String, Mono<Blackouts>> tenants = new ConcurrentHashMap<>();

    BlackoutHold(DatabaseClient db, JsonMapper json, BlackoutProperties properties, Clock clock) {
        this.db = db;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** Empty: the delivery may go on. Otherwise the deferral that holds it. */
    public Mono<DeliveryOutcome> holdIfInWindow(DeliveryJob job) {
        return blackoutsOf(job.tenant()).flatMap(blackouts -> {
            if (blackouts.blackouts().isEmpty()) {
                // nothing to match: no profile to build nor time zone to parse for each delivery
                return Mono.empty();
            }
            RecipientContext recipient = job.recipient();
            Instant now = clock.instant();
            return Mono.justOrEmpty(blackouts.hold(job.content().severity(), recipient.profile(),
                            Blackouts.zoneOrUtc(recipient.timeZone()), now)
                    .map(hold -> DeliveryOutcome.RetryLater.deferred(until(now, hold.until()), REASON + hold.blackout())));
        });
    }

    private Duration until(Instant now, Instant end) {
        Duration wait = Duration.between(now, end);
        return wait.compareTo(properties.maxHold()) > 0 ? properties.maxHold() : wait;
    }

    private Mono<Blackouts> blackoutsOf(String tenant) {
        return tenants.computeIfAbsent(tenant, key -> load(key)
                .cache(loaded -> properties.refresh(), error -> Duration.ZERO, () -> Duration.ZERO));
    }

    private Mono<Blackouts> load(String tenant) {
        return db.sql("SELECT definition FROM blackouts WHERE tenant_id = $1 ORDER BY name").bind(0, tenant)
                .map(row -> json.readValue(row.get("definition", Json.class).asString(), BLACKOUT))
                .all()
                .collectList()
                .flatMap(blackouts -> blackouts.isEmpty() ? Mono.just(Blackouts.NONE)
                        : segments(tenant, blackouts).map(rules -> new Blackouts(blackouts, rules)));
    }

    private Mono<Map<String, SegmentRule>> segments(String tenant, List<Blackout> blackouts) {
        String[] names = blackouts.stream().flatMap(b -> b.segmentsOrEmpty().stream()).distinct().toArray(String[]::new);
        return db.sql("SELECT name, rule FROM segments WHERE tenant_id = $1 AND name = ANY($2)")
                .bind(0, tenant).bind(1, names)
                .map(row -> Map.entry(row.get("name", String.class),
                        new SegmentRule(json.readValue(row.get("rule", Json.class).asString(), MATCH))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
