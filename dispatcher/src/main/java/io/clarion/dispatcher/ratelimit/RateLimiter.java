package io.clarion.dispatcher.ratelimit;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.ratelimit.BucketName;
import io.clarion.core.ratelimit.RateLimitPolicy;
import io.clarion.dispatcher.priority.PriorityProperties;
import io.clarion.dispatcher.redis.CoalescedCalls;
import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Distributed token buckets (bucket4j over lettuce, its async proxy manager, so no thread blocks):
 * per provider account, per tenant and channel, and per recipient (anti-fatigue). Every dispatcher
 * shares the same Redis buckets, so a limit holds across all of them.
 * <p>
 * A limited delivery waits: tokens are reserved in the bucket and the permit completes when they are
 * due, which paces sends exactly at the policy's rate (back-pressure; nothing is dropped or spun on).
 * Permits are taken per batch ({@code clarion.redis.batch-linger}, {@code batch-size}): the deliveries that ask a
 * hot bucket (provider, tenant) within the linger take their tokens in one request (at most a bucket's capacity at
 * once), released together when the last of them is due, and concurrent requests of this dispatcher to one bucket
 * are merged into one Redis operation, so a shared bucket does not collapse under CAS contention. The recipient
 * limit stays per recipient ({@link RecipientBuckets}, one script run per batch): a delivery waits at most
 * {@code recipient-max-wait} in line and otherwise is deferred until its recipient's bucket has a token again (see
 * {@link RateLimitProperties}).
 * <p>
 * Urgent first (DESIGN rule 9): urgent deliveries wait for the provider's and tenant's buckets as they are;
 * bulk deliveries are also paced by a bulk share of each ({@code 1 - clarion.priority.reserved-share} of its
 * policy) before they take the bucket's token, so they never queue up in the bucket ahead of urgent ones and leave
 * the reserved share to them. A bulk delivery that finds a token spare at once takes it without waiting, so bulk
 * gets the whole budget while no urgent delivery wants it.
 * <p>
 * A bucket's Redis key carries its policy, so a changed policy takes effect as a fresh bucket at once. This
 * dispatcher keeps one proxy per hot bucket name: a changed policy replaces it, and a bucket idle for
 * {@code KEEP_IDLE_BUCKETS} is dropped, so the proxies stay as many as the buckets in use.
 */
@Component
public class RateLimiter implements DisposableBean {
    static final String RECIPIENT_LIMITED = "recipient-rate-limited";
    private static final Duration KEEP_IDLE_BUCKETS = Duration.ofMinutes(10);
    private static final String BULK_SHARE = "#bulk";
    /** Longer than a Redis round trip under load: a permit that took this long had to wait for tokens. */
    private static final Duration WAITED = Duration.ofMillis(5);

    private final AsyncProxyManager<byte[]> buckets;
    private final RateLimitPolicies policies;
    private final RateLimitProperties properties;
    private final PriorityProperties priority;
    private final String prefix;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rate-limit-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, HotBucket> hotBuckets = new ConcurrentHashMap<>();
    private final RateLimitMetrics metrics;
    private final RecipientBuckets recipients;
    private final RedisProperties redis;

    /** The proxy of a hot bucket under one policy, and when this dispatcher last used it. */
    private static final class HotBucket {
        private final String key;
        private final CoalescedCalls<Boolean, Boolean> tokens;
        private volatile long lastUsed = System.nanoTime();

        private HotBucket(String key, CoalescedCalls<Boolean, Boolean> tokens) {
            this.key = key;
            this.tokens = tokens;
        }
    }

    /** A limiter whose metrics nobody reads, for tests. */
    RateLimiter(RedisConnection redis, RedisProperties redisProperties, RateLimitPolicies policies,
                RateLimitProperties properties, PriorityProperties priority) {
        this(redis, redisProperties, policies, properties, priority, new SimpleMeterRegistry());
    }

    @Autowired
    RateLimiter(RedisConnection redis, RedisProperties redisProperties, RateLimitPolicies policies,
                RateLimitProperties properties, PriorityProperties priority, MeterRegistry meters) {
        this.priority = priority;
        this.metrics = new RateLimitMetrics(meters);
        this.buckets = Bucket4jLettuce.casBasedBuilder(redis.binary())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_IDLE_BUCKETS))
                .build().asAsync();
        this.policies = policies;
        this.properties = properties;
        this.prefix = redisProperties.keyPrefix();
        this.redis = redisProperties;
        this.recipients = new RecipientBuckets(redis, redisProperties, properties.recipientMaxWait());
        long sweep = KEEP_IDLE_BUCKETS.toMillis();
        timer.scheduleWithFixedDelay(this::dropIdleHotBuckets, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Waits for every limit that applies to the delivery; errors only when Redis or PostgreSQL fails. */
    public Mono<Permit> acquire(DeliveryJob job) {
        if (!properties.enabled()) {
            return Mono.just(new Permit.Granted(false));
        }
        return recipientToken(job).flatMap(permit -> permit instanceof Permit.Granted recipient
                ? sharedTokens(job).map(waited -> new Permit.Granted(waited || recipient.waited()))
                : Mono.just(permit));
    }

    private Mono<Permit> recipientToken(DeliveryJob job) {
        if (properties.recipientBypass().contains(job.content().severity())) {
            return Mono.just(new Permit.Granted(false));
        }
        return policies.policyOf(BucketName.RECIPIENT_POLICY, BucketName.Kind.RECIPIENT)
                .flatMap(policy -> recipients.take(job.recipientKey(), policy))
                .flatMap(this::recipientTokenOrDeferral);
    }

    /** Waits at most {@code recipient-max-wait} in line; past that, says when the recipient has a token again. */
    private Mono<Permit> recipientTokenOrDeferral(RecipientBuckets.Take take) {
        if (!take.granted()) {
            metrics.deferred(BucketName.Kind.RECIPIENT);
            return Mono.just(new Permit.Deferred(take.after(), RECIPIENT_LIMITED));
        }
        metrics.waited(BucketName.Kind.RECIPIENT, take.after().toNanos());
        Permit granted = new Permit.Granted(take.after().compareTo(WAITED) > 0);
        return take.after().isZero() ? Mono.just(granted) : Mono.delay(take.after()).thenReturn(granted);
    }

    /** The tenant's and the provider account's tokens; emits whether either had to wait. */
    private Mono<Boolean> sharedTokens(DeliveryJob job) {
        boolean urgent = priority.isUrgent(job.content().severity());
        return hotToken(BucketName.tenant(job.tenant(), job.channel()), BucketName.Kind.TENANT, urgent)
                .zipWith(hotToken(BucketName.provider(job.channel(), properties.providerAccount()),
                        BucketName.Kind.PROVIDER, urgent), Boolean::logicalOr);
    }

    private Mono<Boolean> hotToken(String bucket, BucketName.Kind kind, boolean urgent) {
        return policies.policyOf(bucket, kind).flatMap(policy -> urgent ? waitFor(kind, bucket, policy)
                : policy.split(priority.reservedShare())
                        .map(split -> spareOrBulkShare(kind, bucket, policy, split.bulk()))
                        .orElseGet(() -> waitFor(kind, bucket, policy)));
    }

    /**
     * A bulk delivery takes a token the whole bucket has spare at once (urgent deliveries are not using it);
     * otherwise it waits for one of the bulk share, then for the whole bucket's. The bulk share paces bulk
     * deliveries below the whole rate, so they never queue up in the whole bucket ahead of urgent ones. The
     * deliveries that join within the linger take their tokens together: as many as are spare at once, the rest
     * through the bulk share.
     */
    private Mono<Boolean> spareOrBulkShare(BucketName.Kind kind, String bucket, RateLimitPolicy whole,
                                           RateLimitPolicy bulk) {
        String shareName = bucket + BULK_SHARE;
        return hotBucket(shareName, BucketName.redisKey("", bucket, whole) + BucketName.redisKey("", shareName, bulk),
                Math.min(whole.capacity(), bulk.capacity()), kind, () -> {
                    AsyncBucketProxy wholeBucket = proxy(bucket, whole);
                    AsyncBucketProxy bulkShare = proxy(shareName, bulk);
                    return tokens -> Mono.fromFuture(() -> wholeBucket.tryConsumeAsMuchAsPossible(tokens))
                            .flatMap(spare -> {
                                int rest = tokens - spare.intValue();
                                Mono<Boolean> waited = rest == 0 ? Mono.just(false) : wait(bulkShare, rest)
                                        .flatMap(share -> wait(wholeBucket, rest).map(again -> share || again));
                                return waited.map(restWaited -> answers(spare.intValue(), rest, restWaited));
                            });
                });
    }

    /** {@code spare} deliveries that did not wait, then {@code rest} that waited as {@code restWaited} says. */
    private static List<Boolean> answers(int spare, int rest, boolean restWaited) {
        List<Boolean> answers = new ArrayList<>(spare + rest);
        answers.addAll(Collections.nCopies(spare, false));
        answers.addAll(Collections.nCopies(rest, restWaited));
        return answers;
    }

    /** Waits for a token of {@code bucket}; emits whether that took long enough to count as waiting. */
    private Mono<Boolean> waitFor(BucketName.Kind kind, String bucket, RateLimitPolicy policy) {
        return hotBucket(bucket, BucketName.redisKey("", bucket, policy), policy.capacity(), kind, () -> {
            AsyncBucketProxy proxy = proxy(bucket, policy);
            return tokens -> wait(proxy, tokens).map(waited -> Collections.nCopies(tokens, waited));
        });
    }

    /** Waits for {@code tokens} tokens of {@code bucket}; emits whether that took long enough to count as waiting. */
    private Mono<Boolean> wait(AsyncBucketProxy bucket, long tokens) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return Mono.fromFuture(() -> bucket.asScheduler().consume(tokens, timer))
                    .then(Mono.fromSupplier(() -> System.nanoTime() - start > WAITED.toNanos()));
        });
    }

    /**
     * The token taking of a hot bucket under one policy: the deliveries that join within the linger (at most
     * {@code capacity}, so a batch never asks a bucket for more than it holds) take their tokens in one call.
     */
    private Mono<Boolean> hotBucket(String name, String key, long capacity, BucketName.Kind kind,
                                    Supplier<IntFunction<Mono<List<Boolean>>>> taker) {
        HotBucket current = hotBuckets.get(name);
        HotBucket hot = current != null && current.key.equals(key) ? current
                : hotBuckets.compute(name, (n, found) -> found != null && found.key.equals(key)
                        ? found : new HotBucket(key, batched(capacity, taker.get())));
        hot.lastUsed = System.nanoTime();
        long start = System.nanoTime();
        return hot.tokens.call(true).doOnNext(waited -> metrics.waited(kind, System.nanoTime() - start));
    }

    private CoalescedCalls<Boolean, Boolean> batched(long capacity, IntFunction<Mono<List<Boolean>>> take) {
        return new CoalescedCalls<>(redis.batchLinger(), (int) Math.min(redis.batchSize(), capacity),
                batch -> take.apply(batch.size()));
    }

    private AsyncBucketProxy proxy(String bucket, RateLimitPolicy policy) {
        return buckets.builder().withOptimization(Optimizations.batching())
                .build(key(bucket, policy), configuration(policy));
    }

    private void dropIdleHotBuckets() {
        long idleSince = System.nanoTime() - KEEP_IDLE_BUCKETS.toNanos();
        hotBuckets.values().removeIf(hot -> hot.lastUsed - idleSince < 0);
    }

    private byte[] key(String bucket, RateLimitPolicy policy) {
        return BucketName.redisKey(prefix, bucket, policy).getBytes(StandardCharsets.UTF_8);
    }

    private static BucketConfiguration configuration(RateLimitPolicy policy) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(policy.capacity())
                        .refillGreedy(policy.refillTokens(), policy.refillPeriod()).build())
                .build();
    }

    /** Hot buckets this limiter holds a proxy of. */
    int hotBucketCount() {
        return hotBuckets.size();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
