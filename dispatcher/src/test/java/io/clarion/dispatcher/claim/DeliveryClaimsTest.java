package io.clarion.dispatcher.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The claim script against a real Redis: version gate, dedupe, leases. */
@ExtendWith(DevStackExtension.class)
class DeliveryClaimsTest {
    private static RedisConnection redis;
    private static DeliveryClaims claims;

    @BeforeAll
    static void connect(DevStack stack) {
        String prefix = stack.newNamespace("claims").redisKey("clarion:");
        RedisProperties properties = new RedisProperties(stack.redisUri(), prefix, Duration.ofSeconds(2));
        redis = new RedisConnection(properties);
        claims = new DeliveryClaims(redis, properties, new ClaimProperties(Duration.ofSeconds(30), Duration.ofDays(1)));
    }

    @AfterAll
    static void disconnect() {
        redis.destroy();
    }

    @Test
    void aSettledDeliveryIsReplayedNotSentAgain() {
        DeliveryJob job = job("r-settle", 1);
        String token = granted(job);
        claims.settle(new DeliveryClaims.Settlement(job, new DeliveryOutcome.Sent(), token))
                .as(StepVerifier::create).verifyComplete();

        claims.claim(job).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isEqualTo(new Claim.Settled("sent", null)))
                .verifyComplete();
    }

    @Test
    void aSettledFailureKeepsItsReason() {
        DeliveryJob job = job("r-failed", 1);
        claims.settle(new DeliveryClaims.Settlement(job, new DeliveryOutcome.Failed("http 404: not: found"),
                granted(job))).as(StepVerifier::create).verifyComplete();

        claims.claim(job).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isEqualTo(new Claim.Settled("failed", "http 404: not: found")))
                .verifyComplete();
    }

    @Test
    void aReleasedClaimCanBeClaimedAgainByItsRetryAndFreesTheLaneForANewerVersion() {
        DeliveryJob job = job("r-release", 1);
        String first = granted(job);
        claims.release(job, first).as(StepVerifier::create).verifyComplete();

        claims.claim(job("r-release", 2)).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOf(Claim.Granted.class)).verifyComplete();
        claims.claim(job).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).as("the retry of v1 after v2 was claimed").isInstanceOf(Claim.Superseded.class))
                .verifyComplete();
    }

    @Test
    void releasingSomeoneElsesClaimChangesNothing() {
        DeliveryJob job = job("r-not-mine", 1);
        granted(job);
        claims.release(job, "another-token").as(StepVerifier::create).verifyComplete();

        claims.claim(job).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOf(Claim.Held.class)).verifyComplete();
    }

    @Test
    void staleVersionIsSupersededOnceANewerOneWasClaimed() {
        settle(job("r-stale", 3), granted(job("r-stale", 3)));

        claims.claim(job("r-stale", 2)).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOf(Claim.Superseded.class)).verifyComplete();
        claims.claim(job("r-stale", 4)).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOf(Claim.Granted.class)).verifyComplete();
    }

    @Test
    void aNewerVersionWaitsWhileAnOlderOneIsInFlightSoVersionsArriveInOrder() {
        String inFlight = granted(job("r-lane", 1));

        claims.claim(job("r-lane", 2)).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOf(Claim.Busy.class)).verifyComplete();
        settle(job("r-lane", 1), inFlight);
        claims.claim(job("r-lane", 2)).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOf(Claim.Granted.class)).verifyComplete();
    }

    @Test
    void aThrottledOlderVersionLearnsThatANewerOneArrived() {
        DeliveryJob older = job("r-coalesce", 1);
        granted(older);
        claims.stillNewest(older).as(StepVerifier::create).expectNext(true).verifyComplete();

        claims.claim(job("r-coalesce", 2)).block();

        claims.stillNewest(older).as(StepVerifier::create).expectNext(false).verifyComplete();
    }

    @Test
    void versionsAreGatedPerRecipientAndChannel() {
        granted(job("r-a", 5));

        claims.claim(job("r-b", 1)).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOf(Claim.Granted.class)).verifyComplete();
        claims.claim(new DeliveryJob("b", "INC-1", 1, "r-a", Channel.EMAIL, content(), "a@example.com", null, "test"))
                .as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOf(Claim.Granted.class)).verifyComplete();
    }

    @Test
    void aClaimHeldByAnotherDispatcherReportsWhenItsLeaseEnds() {
        DeliveryJob job = job("r-held", 1);
        claims.claim(job).block();

        claims.claim(job).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOfSatisfying(Claim.Held.class, held ->
                        assertThat(held.remaining()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30))))
                .verifyComplete();
    }

    @Test
    void retryingTheSameClaimAfterATimeoutIsGrantedAgain() {
        var claim = claims.claim(job("r-retry", 1));
        claim.as(StepVerifier::create).assertNext(c -> assertThat(c).isInstanceOf(Claim.Granted.class)).verifyComplete();

        claim.as(StepVerifier::create).assertNext(c -> assertThat(c).isInstanceOf(Claim.Granted.class)).verifyComplete();
        claims.claim(job("r-retry", 1)).as(StepVerifier::create)
                .assertNext(c -> assertThat(c).isInstanceOf(Claim.Held.class)).verifyComplete();
    }

    @Test
    void concurrentClaimsSettlesAndChecksGoToRedisAsOneScriptRunPerBatch() {
        List<DeliveryJob> jobs = java.util.stream.IntStream.range(0, 200).mapToObj(i -> job("r-batch-" + i, 1)).toList();
        long before = redis.commandsSent();

        List<Claim> granted = Flux.fromIterable(jobs).flatMap(claims::claim, 256).collectList().block();
        long claimCommands = redis.commandsSent() - before;
        Flux.fromIterable(jobs).flatMap(claims::stillNewest, 256).collectList().block();
        Flux.range(0, jobs.size()).flatMap(i -> claims.settle(new DeliveryClaims.Settlement(jobs.get(i),
                new DeliveryOutcome.Sent(), ((Claim.Granted) granted.get(i)).token())), 256).blockLast();
        long commands = redis.commandsSent() - before;

        assertThat(granted).hasSize(200).allMatch(c -> c instanceof Claim.Granted);
        assertThat(claimCommands).as("200 claims within the linger: at most a few script runs").isLessThanOrEqualTo(4);
        assertThat(commands).as("claims, checks and settles of 200 deliveries").isLessThanOrEqualTo(12);
        Flux.fromIterable(jobs).flatMap(claims::claim, 256).collectList().as(StepVerifier::create)
                .assertNext(replays -> assertThat(replays).allMatch(c -> c.equals(new Claim.Settled("sent", null))))
                .verifyComplete();
    }

    @Test
    void twoVersionsOfOneLaneInOneBatchAreGatedAsIfOneCameAfterTheOther() {
        List<Claim> answers = Flux.merge(claims.claim(job("r-same-batch", 1)), claims.claim(job("r-same-batch", 2)),
                claims.claim(job("r-same-batch", 1))).collectList().block();

        assertThat(answers).hasSize(3);
        assertThat(answers.get(0)).isInstanceOf(Claim.Granted.class);
        assertThat(answers.get(1)).as("v2 waits while v1 is in flight").isInstanceOf(Claim.Busy.class);
        assertThat(answers.get(2)).as("v1 again (a redelivery) finds v1's claim").isInstanceOf(Claim.Held.class);
    }

    private static String granted(DeliveryJob job) {
        Claim claim = claims.claim(job).block();
        assertThat(claim).isInstanceOf(Claim.Granted.class);
        return ((Claim.Granted) claim).token();
    }

    private static void settle(DeliveryJob job, String token) {
        claims.settle(new DeliveryClaims.Settlement(job, new DeliveryOutcome.Sent(), token))
                .as(StepVerifier::create).verifyComplete();
    }

    private static DeliveryJob job(String recipient, int version) {
        return new DeliveryJob("00000000-0000-0000-0000-000000000001", "INC-1", version, recipient, Channel.WEBHOOK,
                content(), "http://127.0.0.1:1/webhooks/" + recipient, "secret", "test");
    }

    private static UpdateContent content() {
        return new UpdateContent("SEV1", "identified", "title", "body");
    }
}
