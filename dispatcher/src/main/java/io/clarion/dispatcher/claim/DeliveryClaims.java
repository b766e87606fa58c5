package io.clarion.dispatcher.claim;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.redis.CoalescedCalls;
import io.clarion.dispatcher.redis.LuaScript;
import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Version gate and dedupe in Redis (DESIGN rules 1 and 2), in one script run per batch of deliveries.
 * <p>
 * Every (recipient, channel, incident) is a <em>lane</em> with a high-water mark (the highest version
 * seen) and at most one send in flight. The claim script atomically (a) replays the outcome of a
 * delivery already settled, (b) refuses a version below the high-water mark ({@code superseded}),
 * (c) raises the mark, (d) answers {@code busy} while another version of the lane is in flight, so
 * that version finishes first and the newer one is sent after it, never before, and (e) grants a lease
 * on the delivery and the lane. A delivery that waited (e.g. for a rate-limit permit) asks
 * {@link #stillNewest} before sending: a newer version that arrived meanwhile supersedes it, so a
 * throttled lane collapses to its latest state.
 * <p>
 * Batched admission: claims, settlements, releases and {@code stillNewest} checks made by concurrent deliveries
 * within {@code clarion.redis.batch-linger} go to Redis as one script run (or one {@code MGET}) over all of them
 * ({@link CoalescedCalls}); the scripts treat each delivery exactly as a lone one, in the order they were asked, so
 * two versions of one lane in the same batch are gated as if they came one after the other. Every key of a lane
 * carries the hash tag of its recipient's <em>key shard</em> ({@code clarion.redis.key-shards}), and a batch holds
 * one shard's keys only, so each script run touches one hash slot and also runs on Redis Cluster.
 * <p>
 * The one duplicate window: a dispatcher dies after the provider accepted a message and before
 * {@link #settle} stored the outcome; after the lease another dispatcher sends it again with the same
 * message id, on which receivers dedupe.
 */
@Component
public class DeliveryClaims {
    /** Per delivery: KEYS claim, high-water mark, lane; ARGV version, token (after the shared lease, retention). */
    static final String CLAIM_SCRIPT = """
            local function claim(key, high, lane, version, token, lease, retention)
              local state = redis.call('GET', key)
              if state then
                if string.sub(state, 1, 5) == 'done:' then return state end
                if state == token then return 'granted' end
                return 'held:' .. redis.call('PTTL', key)
              end
              local highest = tonumber(redis.call('GET', high) or '0')
              if highest > tonumber(version) then return 'superseded' end
              if tonumber(version) > highest then redis.call('SET', high, version, 'PX', retention) end
              local holder = redis.call('GET', lane)
              if holder and holder ~= token then return 'busy:' .. redis.call('PTTL', lane) end
              redis.call('SET', key, token, 'PX', lease)
              redis.call('SET', lane, token, 'PX', lease)
              return 'granted'
            end
            local answers = {}
            for i = 1, #KEYS / 3 do
              answers[i] = claim(KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i], ARGV[2 * i + 1], ARGV[2 * i + 2],
                  ARGV[1], ARGV[2])
            end
            return answers
            """;
    /** Per delivery: KEYS claim, lane; ARGV outcome, token (after the shared retention). */
    static final String SETTLE_SCRIPT = """
            local answers = {}
            for i = 1, #KEYS / 2 do
              redis.call('SET', KEYS[2 * i - 1], ARGV[2 * i], 'PX', ARGV[1])
              if redis.call('GET', KEYS[2 * i]) == ARGV[2 * i + 1] then redis.call('DEL', KEYS[2 * i]) end
              answers[i] = 'settled'
            end
            return answers
            """;
    /** Per delivery: KEYS claim, lane; ARGV token. */
    static final String RELEASE_SCRIPT = """
            local answers = {}
            for i = 1, #KEYS / 2 do
              if redis.call('GET', KEYS[2 * i - 1]) == ARGV[i] then redis.call('DEL', KEYS[2 * i - 1]) end
              if redis.call('GET', KEYS[2 * i]) == ARGV[i] then redis.call('DEL', KEYS[2 * i]) end
              answers[i] = 'released'
            end
            return answers
            """;

    private static final String CLAIM = ":claim:";
    private static final String HIGH_WATER = ":sent";
    private static final String LANE = ":lane";

    private final RedisConnection redis;
    private final RedisProperties redisProperties;
    private final ClaimProperties properties;
    private final LuaScript claimScript;
    private final LuaScript settleScript;
    private final LuaScript releaseScript;
    private final List<Shard> shards;

    /** The batched calls of one key shard: every key in them has the shard's hash tag. */
    private record Shard(CoalescedCalls<ClaimRequest, String> claims, CoalescedCalls<Settlement, String> settles,
                         CoalescedCalls<Release, String> releases, CoalescedCalls<DeliveryJob, Boolean> newest) {
    }

    private record ClaimRequest(DeliveryJob job, String token) {
    }

    private record Release(DeliveryJob job, String token) {
    }

    DeliveryClaims(RedisConnection redis, RedisProperties redisProperties, ClaimProperties properties) {
        this.redis = redis;
        this.redisProperties = redisProperties;
        this.properties = properties;
        this.claimScript = new LuaScript(redis, CLAIM_SCRIPT);
        this.settleScript = new LuaScript(redis, SETTLE_SCRIPT);
        this.releaseScript = new LuaScript(redis, RELEASE_SCRIPT);
        List<Shard> byShard = new ArrayList<>();
        for (int shard = 0; shard < redisProperties.keyShards(); shard++) {
            byShard.add(new Shard(batched(this::claimAll), batched(this::settleAll), batched(this::releaseAll),
                    batched(this::newestAll)));
        }
        this.shards = List.copyOf(byShard);
    }

    private <Q, R> CoalescedCalls<Q, R> batched(java.util.function.Function<List<Q>, Mono<List<R>>> call) {
        return new CoalescedCalls<>(redisProperties.batchLinger(), redisProperties.batchSize(), call);
    }

    /**
     * Claims a delivery. The token is chosen once per returned {@code Mono}, so re-subscribing (a retry
     * after a timeout whose command Redis did run) finds its own claim and is granted again instead of
     * waiting for the lease.
     */
    public Mono<Claim> claim(DeliveryJob job) {
        String token = UUID.randomUUID().toString();
        return Mono.defer(() -> shard(job).claims().call(new ClaimRequest(job, token)))
                .map(answer -> parse(answer, token));
    }

    /** Whether no newer version of the incident reached this recipient's lane since the claim. */
    public Mono<Boolean> stillNewest(DeliveryJob job) {
        return Mono.defer(() -> shard(job).newest().call(job));
    }

    /** Stores a final outcome and frees its lane; it joins its shard's next batch. */
    public Mono<Void> settle(Settlement settlement) {
        return Mono.defer(() -> shard(settlement.job()).settles().call(settlement)).then();
    }

    /**
     * Gives up a claim without an outcome (the send will be retried later): the claim and the lane are freed
     * if they are still this claim's, so the retry claims afresh and a newer version may go first (and then
     * supersedes the retry).
     */
    public Mono<Void> release(DeliveryJob job, String token) {
        return Mono.defer(() -> shard(job).releases().call(new Release(job, token))).then();
    }

    /** A final outcome of a delivery this dispatcher claimed with {@code token}. */
    public record Settlement(DeliveryJob job, DeliveryOutcome outcome, String token) {
    }

    private Mono<List<String>> claimAll(List<ClaimRequest> requests) {
        String[] keys = new String[requests.size() * 3];
        String[] args = new String[2 + requests.size() * 2];
        args[0] = String.valueOf(properties.lease().toMillis());
        args[1] = String.valueOf(properties.retention().toMillis());
        for (int i = 0; i < requests.size(); i++) {
            ClaimRequest request = requests.get(i);
            String lane = lane(request.job());
            keys[3 * i] = lane + CLAIM + request.job().version();
            keys[3 * i + 1] = lane + HIGH_WATER;
            keys[3 * i + 2] = lane + LANE;
            args[2 + 2 * i] = String.valueOf(request.job().version());
            args[3 + 2 * i] = request.token();
        }
        return claimScript.runForEach(keys, args).map(DeliveryClaims::strings);
    }

    private Mono<List<String>> settleAll(List<Settlement> settlements) {
        String[] args = new String[1 + settlements.size() * 2];
        args[0] = String.valueOf(properties.retention().toMillis());
        for (int i = 0; i < settlements.size(); i++) {
            args[1 + 2 * i] = encode(settlements.get(i).outcome());
            args[2 + 2 * i] = settlements.get(i).token();
        }
        return settleScript.runForEach(claimAndLaneKeys(settlements.stream().map(Settlement::job).toList()), args)
                .map(DeliveryClaims::strings);
    }

    private Mono<List<String>> releaseAll(List<Release> releases) {
        String[] args = releases.stream().map(Release::token).toArray(String[]::new);
        return releaseScript.runForEach(claimAndLaneKeys(releases.stream().map(Release::job).toList()), args)
                .map(DeliveryClaims::strings);
    }

    /** Per delivery its claim key, then its lane key: the keys the settle and release scripts take. */
    private String[] claimAndLaneKeys(List<DeliveryJob> jobs) {
        String[] keys = new String[jobs.size() * 2];
        for (int i = 0; i < jobs.size(); i++) {
            String lane = lane(jobs.get(i));
            keys[2 * i] = lane + CLAIM + jobs.get(i).version();
            keys[2 * i + 1] = lane + LANE;
        }
        return keys;
    }

    private Mono<List<Boolean>> newestAll(List<DeliveryJob> jobs) {
        String[] keys = jobs.stream().map(job -> lane(job) + HIGH_WATER).toArray(String[]::new);
        return redis.commands().mget(keys).collectList().map(values -> {
            List<Boolean> newest = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                String highest = values.get(i).getValueOrElse(null);
                newest.add(highest == null || Integer.parseInt(highest) <= jobs.get(i).version());
            }
            return newest;
        });
    }

    private static List<String> strings(List<Object> answers) {
        return answers.stream().map(String::valueOf).toList();
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

    private Shard shard(DeliveryJob job) {
        return shards.get(redisProperties.keyShard(job.recipientKey()));
    }

    /** The keys of a lane: its recipient's key shard as the hash tag, then the recipient, channel and incident. */
    private String lane(DeliveryJob job) {
        return redisProperties.shardedKey(job.recipientKey()) + ":" + job.channel().wireName() + ":"
                + job.incidentId();
    }
}
