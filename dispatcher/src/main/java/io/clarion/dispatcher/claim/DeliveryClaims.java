package io.clarion.dispatcher.claim;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Version gate and dedupe in one Redis round trip per delivery (DESIGN rules 1 and 2).
 * <p>
 * Every (recipient, channel, incident) is a <em>lane</em> with a high-water mark (the highest version
 * seen) and at most one send in flight. The claim script atomically (a) replays the outcome of a
 * delivery already settled, (b) refuses a version below the high-water mark ({@code superseded}),
 * (c) raises the mark, (d) answers {@code busy} while another version of the lane is in flight, so
 * that version finishes first and the newer one is sent after it, never before, and (e) grants a lease
 * on the delivery and the lane. A delivery that waited (e.g. for a rate-limit permit) asks
 * {@link #stillNewest} before sending: a newer version that arrived meanwhile supersedes it, so a
 * throttled lane collapses to its latest state. All keys of a lane share the recipient's hash tag,
 * so the scripts also run on Redis Cluster.
 * <p>
 * The one duplicate window: a dispatcher dies after the provider accepted a message and before
 * {@link #settle} stored the outcome; after the lease another dispatcher sends it again with the same
 * message id, on which receivers dedupe.
 */
@Component
public class DeliveryClaims {
    static final String CLAIM_SCRIPT = """
            local state = redis.call('GET', KEYS[1])
            if state then
              if string.sub(state, 1, 5) == 'done:' then return state end
              if state == ARGV[2] then return 'granted' end
              return 'held:' .. redis.call('PTTL', KEYS[1])
            end
            local version = tonumber(ARGV[1])
            local highest = tonumber(redis.call('GET', KEYS[2]) or '0')
            if highest > version then return 'superseded' end
            if version > highest then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[4]) end
            local lane = redis.call('GET', KEYS[3])
            if lane and lane ~= ARGV[2] then return 'busy:' .. redis.call('PTTL', KEYS[3]) end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
            return 'granted'
            """;
    static final String SETTLE_SCRIPT = """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
            return 'settled'
            """;

    static final String RELEASE_SCRIPT = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
            return 'released'
            """;

    private static final String CLAIM = ":claim:";
    private static final String HIGH_WATER = ":sent";
    private static final String LANE = ":lane";

    private final RedisConnection redis;
    private final String prefix;
    private final ClaimProperties properties;
    private final LuaScript claimScript;
    private final LuaScript settleScript;
    private final LuaScript releaseScript;

    DeliveryClaims(RedisConnection redis, RedisProperties redisProperties, ClaimProperties properties) {
        this.redis = redis;
        this.prefix = redisProperties.keyPrefix();
        this.properties = properties;
        this.claimScript = new LuaScript(redis, CLAIM_SCRIPT);
        this.settleScript = new LuaScript(redis, SETTLE_SCRIPT);
        this.releaseScript = new LuaScript(redis, RELEASE_SCRIPT);
    }

    /**
     * Claims a delivery. The token is chosen once per returned {@code Mono}, so re-subscribing (a retry
     * after a timeout whose command Redis did run) finds its own claim and is granted again instead of
     * waiting for the lease.
     */
    public Mono<Claim> claim(DeliveryJob job) {
        String token = UUID.randomUUID().toString();
        String lane = lane(job);
        return claimScript.run(new String[] {lane + CLAIM + job.version(), lane + HIGH_WATER, lane + LANE},
                        String.valueOf(job.version()), token, String.valueOf(properties.lease().toMillis()),
                        String.valueOf(properties.retention().toMillis()))
                .map(answer -> parse(answer, token));
    }

    /** Whether no newer version of the incident reached this recipient's lane since the claim. */
    public Mono<Boolean> stillNewest(DeliveryJob job) {
        return redis.commands().get(lane(job) + HIGH_WATER)
                .map(highest -> Integer.parseInt(highest) <= job.version())
                .defaultIfEmpty(true);
    }

    /**
     * Stores final outcomes and frees their lanes. The pipeline settles each delivery right after its
     * send; concurrent settles are pipelined on the shared connection.
     */
    public Mono<Void> settle(List<Settlement> settlements) {
        String retention = String.valueOf(properties.retention().toMillis());
        return Flux.fromIterable(settlements)
                .flatMap(s -> settleScript.run(new String[] {lane(s.job()) + CLAIM + s.job().version(), lane(s.job()) + LANE},
                        encode(s.outcome()), retention, s.token()), Math.max(1, settlements.size()))
                .then();
    }

    /**
     * Gives up a claim without an outcome (the send will be retried later): the claim and the lane are freed
     * if they are still this claim's, so the retry claims afresh and a newer version may go first (and then
     * supersedes the retry).
     */
    public Mono<Void> release(DeliveryJob job, String token) {
        String lane = lane(job);
        return releaseScript.run(new String[] {lane + CLAIM + job.version(), lane + LANE}, token).then();
    }

    /** A final outcome of a delivery this dispatcher claimed with {@code token}. */
    public record Settlement(DeliveryJob job, DeliveryOutcome outcome, String token) {
    }

    private static Claim parse(String answer, String token) {
        if (answer.equals("granted")) {
            return new Claim.Granted(token);
        }
        if (answer.equals("superseded")) {
            return new Claim.Superseded();
        }
        if (answer.startsWith("held:")) {
            return new Claim.Held(millis(answer.substring(5)));
        }
        if (answer.startsWith("busy:")) {
            return new Claim.Busy(millis(answer.substring(5)));
        }
        String[] settled = answer.split(":", 3);
        return new Claim.Settled(settled[1], settled.length > 2 && !settled[2].isEmpty() ? settled[2] : null);
    }

    private static Duration millis(String pttl) {
        return Duration.ofMillis(Math.max(1, Long.parseLong(pttl)));
    }

    private static String encode(DeliveryOutcome outcome) {
        return "done:" + outcome.counter() + ":" + (outcome.reason() == null ? "" : outcome.reason());
    }

    private String lane(DeliveryJob job) {
        return prefix + "{" + job.recipientKey() + "}:" + job.channel().wireName() + ":" + job.incidentId();
    }
}
