package io.clarion.dispatcher.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.ratelimit.RateLimitPolicy;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

/** The recipients' token buckets against a real Redis, a batch at a time. */
@ExtendWith(DevStackExtension.class)
class RecipientBucketsTest {
    /** Two tokens, then one a second. */
    private static final RateLimitPolicy TWO_THEN_ONE_A_SECOND = new RateLimitPolicy(2, 1, Duration.ofSeconds(1), 0);

    private RedisConnection connection;

    @AfterEach
    void disconnect() {
        connection.destroy();
    }

    @Test
    void aRecipientGetsItsTokensThenIsDeferredUntilTheNextOneWhileOthersAreNotLimited(DevStack stack) {
        RecipientBuckets buckets = buckets(stack, "recipient-defer", Duration.ofMillis(300));

        List<RecipientBuckets.Take> takes = takeAll(buckets, "t/r-1", "t/r-1", "t/r-1", "t/r-2", "t/r-1");

        assertThat(takes.subList(0, 2)).allMatch(take -> take.granted() && take.after().isZero());
        assertThat(takes.get(2).granted()).as("third within a second: deferred, not taken").isFalse();
        assertThat(takes.get(2).after()).isBetween(Duration.ofMillis(900), Duration.ofMillis(1_000));
        assertThat(takes.get(3)).as("another recipient").isEqualTo(new RecipientBuckets.Take(true, Duration.ZERO));
        assertThat(takes.get(4).granted()).as("the deferred one took nothing: the next is deferred alike").isFalse();
        assertThat(takes.get(4).after()).isBetween(Duration.ofMillis(900), Duration.ofMillis(1_000));
    }

    @Test
    void aTokenDueWithinTheMostWaitIsReservedAndTheNextWaitsBehindIt(DevStack stack) {
        RecipientBuckets buckets = buckets(stack, "recipient-reserve", Duration.ofSeconds(3));

        List<RecipientBuckets.Take> takes = takeAll(buckets, "t/r-1", "t/r-1", "t/r-1", "t/r-1");

        assertThat(takes).allMatch(RecipientBuckets.Take::granted);
        assertThat(takes.get(2).after()).isBetween(Duration.ofMillis(900), Duration.ofMillis(1_000));
        assertThat(takes.get(3).after()).isBetween(Duration.ofMillis(1_900), Duration.ofMillis(2_000));
    }

    @Test
    void aChangedPolicyIsAFreshBucket(DevStack stack) {
        RecipientBuckets buckets = buckets(stack, "recipient-policy", Duration.ZERO);
        takeAll(buckets, "t/r-1", "t/r-1");

        RateLimitPolicy changed = new RateLimitPolicy(1, 1, Duration.ofHours(1), 1);
        List<RecipientBuckets.Take> takes = Flux.concat(buckets.take("t/r-1", changed), buckets.take("t/r-1", changed))
                .collectList().block();

        assertThat(takes.get(0)).isEqualTo(new RecipientBuckets.Take(true, Duration.ZERO));
        assertThat(takes.get(1).granted()).isFalse();
        assertThat(takes.get(1).after()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
    }

    private static List<RecipientBuckets.Take> takeAll(RecipientBuckets buckets, String... recipients) {
        // merged, not concatenated: all join one batch, which the script takes one after the other
        return Flux.mergeSequential(Flux.fromArray(recipients).map(r -> buckets.take(r, TWO_THEN_ONE_A_SECOND)))
                .collectList().block(Duration.ofSeconds(10));
    }

    private RecipientBuckets buckets(DevStack stack, String namespace, Duration maxWait) {
        RedisProperties redis = new RedisProperties(stack.redisUri(), stack.newNamespace(namespace).redisKey("clarion:"),
                Duration.ofSeconds(2));
        connection = new RedisConnection(redis);
        return new RecipientBuckets(connection, redis, maxWait);
    }
}
