package io.clarion.dispatcher.claim;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Version gate and dedupe in one Redis round trip per delivery (DESIGN rules 1 and 2). The claim
 * script atomically (a) replays the outcome of a delivery already settled, (b) refuses a delivery
 * whose version is older than the highest claimed for that recipient, channel and incident, (c)
 * reports a claim held by someone else, or (d) grants a lease and raises the high-water mark.
 * Both keys share the recipient's hash tag, so the script also runs on Redis Cluster. The script is
 * sent by its SHA-1 ({@code EVALSHA}) and only in full when Redis does not know it yet.
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
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            if version > highest then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[4]) end
            return 'granted'
            """;

    private final RedisConnection redis;
    private final String prefix;
    private final ClaimProperties properties;
    private final String scriptSha;

    DeliveryClaims(RedisConnection redis, RedisProperties redisProperties, ClaimProperties properties) {
        this.redis = redis;
        this.prefix = redisProperties.keyPrefix();
        this.properties = properties;
        this.scriptSha = redis.commands().digest(CLAIM_SCRIPT);
    }

    /**
     * Claims a delivery. The token is chosen once per returned {@code Mono}, so re-subscribing (a retry
     * after a timeout whose command Redis did run) finds its own claim and is granted again instead of
     * waiting for the lease.
     */
    public Mono<Claim> claim(DeliveryJob job) {
        String token = UUID.randomUUID().toString();
        String[] keys = {claimKey(job), highWaterKey(job)};
        String[] args = {String.valueOf(job.version()), token, String.valueOf(properties.lease().toMillis()),
                String.valueOf(properties.retention().toMillis())};
        return redis.commands().<String>evalsha(scriptSha, ScriptOutputType.VALUE, keys, args)
                .onErrorResume(RedisNoScriptException.class,
                        unknown -> redis.commands().eval(CLAIM_SCRIPT, ScriptOutputType.VALUE, keys, args))
                .single()
                .map(answer -> parse(answer, token));
    }

    /** Stores final outcomes, pipelined on the shared connection: one round trip for the whole batch. */
    public Mono<Void> settle(List<Settlement> settlements) {
        SetArgs retention = SetArgs.Builder.px(properties.retention().toMillis());
        return Flux.fromIterable(settlements)
                .flatMap(s -> redis.commands().set(claimKey(s.job()), encode(s.outcome()), retention),
                        Math.max(1, settlements.size()))
                .then();
    }

    /** A final outcome to remember for a delivery this dispatcher claimed. */
    public record Settlement(DeliveryJob job, DeliveryOutcome outcome) {
    }

    private static Claim parse(String answer, String token) {
        if (answer.equals("granted")) {
            return new Claim.Granted(token);
        }
        if (answer.equals("superseded")) {
            return new Claim.Superseded();
        }
        if (answer.startsWith("held:")) {
            return new Claim.Held(Duration.ofMillis(Math.max(1, Long.parseLong(answer.substring(5)))));
        }
        String[] settled = answer.split(":", 3);
        return new Claim.Settled(settled[1], settled.length > 2 && !settled[2].isEmpty() ? settled[2] : null);
    }

    private static String encode(DeliveryOutcome outcome) {
        return "done:" + outcome.counter() + ":" + (outcome.reason() == null ? "" : outcome.reason());
    }

    private String claimKey(DeliveryJob job) {
        return prefix + "{" + job.recipientId() + "}:" + job.channel().wireName() + ":" + job.incidentId()
                + ":claim:" + job.version();
    }

    private String highWaterKey(DeliveryJob job) {
        return prefix + "{" + job.recipientId() + "}:" + job.channel().wireName() + ":" + job.incidentId() + ":sent";
    }
}
