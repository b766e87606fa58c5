package io.clarion.dispatcher.ratelimit;

import io.clarion.core.ratelimit.RateLimitPolicy;
import io.clarion.dispatcher.redis.CoalescedCalls;
import io.clarion.dispatcher.redis.LuaScript;
import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The recipients' anti-fatigue token buckets, one per recipient, taken for a batch of deliveries in one script run.
 * <p>
 * Each bucket is a greedy token bucket (refilled continuously, like bucket4j's {@code refillGreedy}) on Redis'
 * clock, so every dispatcher sees the same time. A delivery takes its recipient's token now, or reserves the next
 * one if it comes within {@code maxWait} (the answer is then how long to wait, and the tokens go below zero so the
 * following deliveries wait behind it), or is told how long until a token comes and takes nothing. The script
 * treats the deliveries of a batch one after the other, so two deliveries to one recipient in the same batch take
 * two tokens. A bucket's key carries its recipient's key shard as its hash tag and its policy, so a changed policy is
 * a fresh bucket, and a batch (one shard) runs on Redis Cluster.
 */
final class RecipientBuckets {
    /** KEYS: the buckets. ARGV: capacity, refill tokens, refill period (µs), most wait (µs). Answers µs per key. */
    static final String TAKE_SCRIPT = """
            local capacity = tonumber(ARGV[1])
            local perMicro = tonumber(ARGV[2]) / tonumber(ARGV[3])
            local maxWait = tonumber(ARGV[4])
            local time = redis.call('TIME')
            local sec, usec = tonumber(time[1]), tonumber(time[2])
            local full = math.ceil(capacity / perMicro / 1000) + 1000
            local answers = {}
            for i = 1, #KEYS do
              local tokens = capacity
              local state = redis.call('GET', KEYS[i])
              if state then
                local a, b = string.find(state, ':', 1, true)
                local c = string.find(state, ':', b + 1, true)
                local elapsed = (sec - tonumber(string.sub(state, b + 1, c - 1))) * 1000000
                    + usec - tonumber(string.sub(state, c + 1))
                tokens = math.min(capacity, tonumber(string.sub(state, 1, a - 1)) + math.max(0, elapsed) * perMicro)
              end
              local wait = 0
              if tokens < 1 then wait = math.ceil((1 - tokens) / perMicro) end
              if wait <= maxWait then
                tokens = tokens - 1
                redis.call('SET', KEYS[i], string.format('%.6f', tokens) .. ':' .. sec .. ':' .. usec,
                    'PX', full + math.ceil(wait / 1000))
                answers[i] = wait
              else
                answers[i] = -wait
              end
            end
            return answers
            """;

    /** A recipient's token now or after {@code after}, or none before {@code after} ({@code granted} false). */
    record Take(boolean granted, Duration after) {
    }

    private final LuaScript script;
    private final RedisProperties redis;
    private final Duration maxWait;
    /** The batched calls per (shard, policy): a batch holds one shard's keys under one policy. */
    private final Map<String, CoalescedCalls<String, Take>> batches = new ConcurrentHashMap<>();

    RecipientBuckets(RedisConnection connection, RedisProperties redis, Duration maxWait) {
        this.script = new LuaScript(connection, TAKE_SCRIPT);
        this.redis = redis;
        this.maxWait = maxWait;
    }

    /** Takes a token of {@code recipientKey}'s bucket under {@code policy}, with the deliveries that join it. */
    Mono<Take> take(String recipientKey, RateLimitPolicy policy) {
        String suffix = ":rl:recipient:" + policy.capacity() + "-" + policy.refillTokens() + "-"
                + policy.refillPeriod().toMillis();
        String batch = redis.keyShard(recipientKey) + suffix;
        return Mono.defer(() -> batches.computeIfAbsent(batch, name -> new CoalescedCalls<>(redis.batchLinger(),
                        redis.batchSize(), keys -> takeAll(keys, policy)))
                .call(redis.shardedKey(recipientKey) + suffix));
    }

    private Mono<List<Take>> takeAll(List<String> keys, RateLimitPolicy policy) {
        long periodMicros = Math.max(1, policy.refillPeriod().toNanos() / 1_000);
        return script.runForEach(keys.toArray(String[]::new), String.valueOf(policy.capacity()),
                        String.valueOf(policy.refillTokens()), String.valueOf(periodMicros),
                        String.valueOf(maxWait.toNanos() / 1_000))
                .map(answers -> {
                    List<Take> takes = new ArrayList<>(answers.size());
                    for (Object answer : answers) {
                        long micros = ((Number) answer).longValue();
                        takes.add(new Take(micros >= 0, Duration.ofNanos(Math.abs(micros) * 1_000)));
                    }
                    return takes;
                });
    }
}
