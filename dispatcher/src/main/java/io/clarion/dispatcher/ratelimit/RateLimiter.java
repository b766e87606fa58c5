package io.clarion.dispatcher.ratelimit;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.ratelimit.BucketName;
import io.clarion.core.ratelimit.RateLimitPolicy;
import io.clarion.dispatcher.priority.PriorityProperties;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * Hot buckets (provider, tenant) batch concurrent requests of this dispatcher into one Redis
 * operation, so a shared bucket does not collapse under CAS contention. The recipient limit waits at
 * most {@code recipient-max-wait} in line and otherwise defers the delivery until the recipient's bucket
 * has a token again (see {@link RateLimitProperties}).
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

    /** The proxy of a hot bucket under one policy, and when this dispatcher last used it. */
    private static final class HotBucket {
        private final String key;
        private final AsyncBucketProxy proxy;
        private volatile long lastUsed = System.nanoTime();

        private HotBucket(String key, AsyncBucketProxy proxy) {
            this.key = key;
            this.proxy = proxy;
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
        String bucket = BucketName.recipient(job.recipientKey());
        return policies.policyOf(BucketName.RECIPIENT_POLICY, BucketName.Kind.RECIPIENT)
                .map(policy -> buckets.builder().build(key(bucket, policy), configuration(policy)))
                .flatMap(this::recipientTokenOrDeferral);
    }

    /** Waits at most {@code recipient-max-wait} in line; past that, says when the recipient has a token again. */
    private Mono<Permit> recipientTokenOrDeferral(AsyncBucketProxy bucket) {
        return timed(BucketName.Kind.RECIPIENT,
                        () -> bucket.asScheduler().tryConsume(1, properties.recipientMaxWait().toNanos(), timer))
                .flatMap(consumed -> consumed.value() ? Mono.just(new Permit.Granted(consumed.waited()))
                        : Mono.fromFuture(() -> bucket.estimateAbilityToConsume(1)).map(probe -> new Permit.Deferred(
                                Duration.ofNanos(probe.getNanosToWaitForRefill()), RECIPIENT_LIMITED))
                        .doOnNext(deferred -> metrics.deferred(BucketName.Kind.RECIPIENT)));
    }

    /** The tenant's and the provider account's tokens; emits whether either had to wait. */
    private Mono<Boolean> sharedTokens(DeliveryJob job) {
        boolean urgent = priority.isUrgent(job.content().severity());
        return hotToken(BucketName.tenant(job.tenant(), job.channel()), BucketName.Kind.TENANT, urgent)
                .zipWith(hotToken(BucketName.provider(job.channel(), properties.providerAccount()),
                        BucketName.Kind.PROVIDER, urgent), Boolean::logicalOr);
    }

    private Mono<Boolean> hotToken(String bucket, BucketName.Kind kind, boolean urgent) {
        return policies.policyOf(bucket, kind).flatMap(policy -> urgent ? waitFor(kind, hotBucket(bucket, policy))
                : policy.split(priority.reservedShare())
                        .map(split -> spareOrBulkShare(kind, bucket, policy, split.bulk()))
                        .orElseGet(() -> waitFor(kind, hotBucket(bucket, policy))));
    }

    /**
     * A bulk delivery takes a token the whole bucket has spare at once (urgent deliveries are not using it);
     * otherwise it waits for one of the bulk share, then for the whole bucket's. The bulk share paces bulk
     * deliveries below the whole rate, so they never queue up in the whole bucket ahead of urgent ones.
     */
    private Mono<Boolean> spareOrBulkShare(BucketName.Kind kind, String bucket, RateLimitPolicy whole,
                                           RateLimitPolicy bulk) {
        AsyncBucketProxy wholeBucket = hotBucket(bucket, whole);
        AsyncBucketProxy bulkShare = hotBucket(bucket + BULK_SHARE, bulk);
        return Mono.fromFuture(() -> wholeBucket.tryConsume(1)).flatMap(spare -> spare ? Mono.just(false)
                : waitFor(kind, bulkShare).flatMap(waited -> waitFor(kind, wholeBucket).map(again -> waited || again)));
    }

    /** Waits for a token of {@code bucket}; emits whether that took long enough to count as waiting. */
    private Mono<Boolean> waitFor(BucketName.Kind kind, AsyncBucketProxy bucket) {
        return timed(kind, () -> bucket.asScheduler().consume(1, timer).thenApply(done -> true)).map(Timed::waited);
    }

    private AsyncBucketProxy hotBucket(String bucket, RateLimitPolicy policy) {
        String key = BucketName.redisKey("", bucket, policy);
        HotBucket hot = hotBuckets.compute(bucket, (name, current) -> current != null && current.key.equals(key)
                ? current : new HotBucket(key, buckets.builder().withOptimization(Optimizations.batching())
                        .build(key(bucket, policy), configuration(policy))));
        hot.lastUsed = System.nanoTime();
        return hot.proxy;
    }

    private void dropIdleHotBuckets() {
        long idleSince = System.nanoTime() - KEEP_IDLE_BUCKETS.toNanos();
        hotBuckets.values().removeIf(hot -> hot.lastUsed - idleSince < 0);
    }

    /** A result and whether getting it took long enough to count as waiting for tokens. */
    private record Timed<T>(T value, boolean waited) {
    }

    /** Also records the time taken in {@code clarion.ratelimit.wait{kind}}. */
    private <T> Mono<Timed<T>> timed(BucketName.Kind kind, Supplier<CompletableFuture<T>> call) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return Mono.fromFuture(call.get()).map(value -> {
                long took = System.nanoTime() - start;
                metrics.waited(kind, took);
                return new Timed<>(value, took > WAITED.toNanos());
            });
        });
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
