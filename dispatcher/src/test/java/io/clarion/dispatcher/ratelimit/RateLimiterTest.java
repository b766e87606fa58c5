package io.clarion.dispatcher.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.ratelimit.BucketName;
import io.clarion.core.ratelimit.RateLimitPolicy;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.dispatcher.priority.PriorityProperties;
import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Two limiters (as in two dispatchers) sharing one Redis bucket. */
@ExtendWith(DevStackExtension.class)
class RateLimiterTest {
    private static final RateLimitPolicy UNLIMITED = new RateLimitPolicy(1_000, 1_000_000, Duration.ofSeconds(1), 0);

    @Test
    void twoDispatchersTogetherNeverExceedTheProviderLimit(DevStack stack) {
        String prefix = stack.newNamespace("limiter").redisKey("clarion:");
        RateLimitPolicy provider = new RateLimitPolicy(10, 200, Duration.ofSeconds(1), 1);
        RateLimiter first = limiter(stack, prefix, provider);
        RateLimiter second = limiter(stack, prefix, provider);
        ConcurrentLinkedQueue<Long> grantedAt = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();

        Flux.range(0, 2_000)
                .flatMap(i -> (i % 2 == 0 ? first : second).acquire(job("r-" + i))
                        .doOnNext(permit -> grantedAt.add(System.nanoTime() - start)), 256)
                .take(Duration.ofSeconds(6))
                .as(StepVerifier::create)
                .thenConsumeWhile(permit -> permit instanceof Permit.Granted)
                .verifyComplete();

        long steady = grantedAt.stream().filter(t -> t >= 1_000_000_000L && t < 5_000_000_000L).count();
        System.out.printf("limiter: 200/s shared by two limiters: %d permits in 4 s = %.1f/s%n", steady, steady / 4.0);
        assertThat(steady / 4.0).isLessThanOrEqualTo(210.0);
    }

    @Test
    void anUrgentDeliveryOvertakesTheBulkDeliveriesQueuedForTheProviderBudget(DevStack stack) {
        String prefix = stack.newNamespace("limiter-urgent").redisKey("clarion:");
        RateLimiter limiter = limiter(stack, prefix, new RateLimitPolicy(10, 100, Duration.ofSeconds(1), 1));
        AtomicLong bulkGranted = new AtomicLong();
        try {
            Flux.range(0, 200).flatMap(i -> limiter.acquire(job("r-bulk-" + i, "SEV3")), 256)
                    .subscribe(permit -> bulkGranted.incrementAndGet());
            Flux.interval(Duration.ofMillis(10)).takeUntil(tick -> bulkGranted.get() >= 20)
                    .blockLast(Duration.ofSeconds(10));

            StepVerifier.create(limiter.acquire(job("r-urgent", "SEV1")))
                    .expectNextMatches(permit -> permit instanceof Permit.Granted)
                    .verifyComplete();

            assertThat(bulkGranted.get()).as("bulk permits granted before the urgent one").isLessThan(100);
        } finally {
            limiter.destroy();
        }
    }

    @Test
    void bulkDeliveriesAskingTogetherTakeEverySpareTokenOfTheWholeBucketAtOnceAndOnlyTheRestWait(DevStack stack) {
        String prefix = stack.newNamespace("limiter-spare").redisKey("clarion:");
        // a full bucket of 10 (100/s), a bulk share of 8 (80/s): 15 bulk deliveries arrive together
        RateLimiter limiter = limiter(stack, prefix, new RateLimitPolicy(10, 100, Duration.ofSeconds(1), 1));
        try {
            List<Permit> permits = Flux.range(0, 15).flatMap(i -> limiter.acquire(job("r-spare-" + i, "SEV3")))
                    .collectList().block(Duration.ofSeconds(10));

            assertThat(permits).hasSize(15).allMatch(permit -> permit instanceof Permit.Granted);
            long atOnce = permits.stream().filter(permit -> !((Permit.Granted) permit).waited()).count();
            // the 10 spare tokens go at once whatever batches the deliveries fall into (more only if the bucket
            // refilled meanwhile); the rest wait for the bulk share and the whole bucket
            assertThat(atOnce).as("deliveries granted without waiting").isGreaterThanOrEqualTo(10);
            assertThat(atOnce).as("deliveries granted without waiting").isLessThan(15);
        } finally {
            limiter.destroy();
        }
    }

    @Test
    void aChangedPolicyReplacesItsHotBucketsInsteadOfAddingToThem(DevStack stack) {
        String prefix = stack.newNamespace("limiter-hot").redisKey("clarion:");
        AtomicLong version = new AtomicLong();
        RateLimitPolicies policies = mock(RateLimitPolicies.class);
        when(policies.policyOf(anyString(), any())).thenAnswer(call -> Mono.just(
                new RateLimitPolicy(1_000 + version.get(), 1_000_000, Duration.ofSeconds(1), version.get())));
        RedisProperties redis = new RedisProperties(stack.redisUri(), prefix, Duration.ofSeconds(2));
        RedisConnection connection = new RedisConnection(redis);
        RateLimiter limiter = new RateLimiter(connection, redis, policies, new RateLimitProperties(true, "default", null,
                null, null, List.of("SEV1"), Duration.ofSeconds(30), Duration.ofSeconds(1)), new PriorityProperties(List.of("SEV1"), 0));
        try {
            for (int change = 0; change < 5; change++) {
                version.incrementAndGet();
                StepVerifier.create(limiter.acquire(job("r-hot")))
                        .expectNextMatches(permit -> permit instanceof Permit.Granted).verifyComplete();
            }

            assertThat(limiter.hotBucketCount()).as("the tenant's and the provider's bucket").isEqualTo(2);
        } finally {
            limiter.destroy();
            connection.destroy();
        }
    }

    private static RateLimiter limiter(DevStack stack, String prefix, RateLimitPolicy provider) {
        RateLimitPolicies policies = mock(RateLimitPolicies.class);
        when(policies.policyOf(anyString(), any())).thenAnswer(call -> Mono.just(
                call.getArgument(1) == BucketName.Kind.PROVIDER ? provider : UNLIMITED));
        RedisProperties redis = new RedisProperties(stack.redisUri(), prefix, Duration.ofSeconds(2));
        RateLimitProperties properties = new RateLimitProperties(true, "default", null, null, null, List.of("SEV1"),
                Duration.ofSeconds(30), Duration.ofSeconds(1));
        return new RateLimiter(new RedisConnection(redis), redis, policies, properties,
                new PriorityProperties(List.of("SEV1", "SEV2"), 0.2));
    }

    private static DeliveryJob job(String recipient) {
        return job(recipient, "SEV1");
    }

    private static DeliveryJob job(String recipient, String severity) {
        return new DeliveryJob("b", "INC-1", 1, recipient, Channel.WEBHOOK,
                new UpdateContent(severity, "identified", "t", "b"), "http://127.0.0.1:1/x", "s", "tenant");
    }


}
