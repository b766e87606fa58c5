package io.clarion.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.dispatcher.blackout.BlackoutHold;
import io.clarion.dispatcher.claim.DeliveryClaims;
import io.clarion.dispatcher.claim.DeliveryClaimsAccess;
import io.clarion.dispatcher.ratelimit.Permit;
import io.clarion.dispatcher.ratelimit.RateLimiter;
import io.clarion.dispatcher.redis.RedisConnection;
import io.clarion.dispatcher.redis.RedisProperties;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Admission against a real Redis: claim, permit, and latest-state coalescing of a throttled lane. */
@ExtendWith(DevStackExtension.class)
class AdmissionTest {
    private static RedisConnection redis;
    private static DeliveryClaims claims;
    private final RateLimiter limiter = mock(RateLimiter.class);
    private final BlackoutHold noBlackouts = mock(BlackoutHold.class);
    private final DeliveryProperties properties = new DeliveryProperties(256, 500,
            Duration.ofMillis(100), Duration.ofSeconds(20), 1024);

    @BeforeAll
    static void connect(DevStack stack) {
        RedisProperties redisProperties = new RedisProperties(stack.redisUri(),
                stack.newNamespace("admission").redisKey("clarion:"), Duration.ofSeconds(2));
        redis = new RedisConnection(redisProperties);
        claims = DeliveryClaimsAccess.create(redis, redisProperties);
    }

    @AfterAll
    static void disconnect() {
        redis.destroy();
    }

    @Test
    void aDeliveryThatWaitedForItsPermitIsSupersededByANewerVersionThatArrivedMeanwhile() {
        DeliveryJob older = job("r-throttled", 1);
        when(limiter.acquire(any())).thenReturn(Mono.defer(() -> claims.claim(job("r-throttled", 2))
                .thenReturn(new Permit.Granted(true))));
        Admission admission = new Admission(claims, limiter, noBlackouts, properties);

        admission.gateVersion(older).as(StepVerifier::create)
                .assertNext(gate -> assertThat(gate).as("claimed before the newer version arrived")
                        .isInstanceOf(Gate.Open.class))
                .verifyComplete();
        admission.acquirePermit(older).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Superseded())
                .verifyComplete();
    }

    @Test
    void aDeliveryThatDidNotWaitIsSentWithoutAnotherRoundTrip() {
        when(limiter.acquire(any())).thenReturn(Mono.just(new Permit.Granted(false)));
        Admission admission = new Admission(claims, limiter, noBlackouts, properties);

        admission.gateVersion(job("r-free", 1)).as(StepVerifier::create)
                .assertNext(gate -> assertThat(gate).isInstanceOf(Gate.Open.class))
                .verifyComplete();
        admission.acquirePermit(job("r-free", 1)).as(StepVerifier::create).verifyComplete();
    }

    @Test
    void aRecipientOverItsLimitIsDeferredUntilItsBucketRefillsWithoutUsingAnAttempt() {
        when(limiter.acquire(any())).thenReturn(Mono.just(
                new Permit.Deferred(Duration.ofMinutes(3), "recipient-rate-limited")));

        new Admission(claims, limiter, noBlackouts, properties).acquirePermit(job("r-tired", 1)).as(StepVerifier::create)
                .assertNext(outcome -> {
                    assertThat(outcome).isEqualTo(
                            DeliveryOutcome.RetryLater.deferred(Duration.ofMinutes(3), "recipient-rate-limited"));
                    assertThat(((DeliveryOutcome.RetryLater) outcome).usesAttempt()).isFalse();
                })
                .verifyComplete();
    }

    @Test
    void aStaleVersionIsSupersededWithoutAskingForAPermit() {
        claims.claim(job("r-stale", 4)).block();

        new Admission(claims, limiter, noBlackouts, properties).gateVersion(job("r-stale", 3)).as(StepVerifier::create)
                .expectNext(new Gate.Closed(new DeliveryOutcome.Superseded()))
                .verifyComplete();
    }

    @Test
    void aSettledDeliveryIsReplayedWithItsOutcomeAndNotClaimedAgain() {
        DeliveryJob job = job("r-settled", 1);
        Admission admission = new Admission(claims, limiter, noBlackouts, properties);
        Lease lease = ((Gate.Open) admission.gateVersion(job).block()).lease();
        lease.conclude(new DeliveryOutcome.Suppressed("no-contact-point")).block();

        admission.gateVersion(job).as(StepVerifier::create)
                .expectNext(new Gate.Closed(new DeliveryOutcome.Suppressed("no-contact-point")))
                .verifyComplete();
    }

    @Test
    void aReleasedLeaseFreesTheLaneForTheNextVersionAtOnce() {
        Admission admission = new Admission(claims, limiter, noBlackouts, properties);
        Lease lease = ((Gate.Open) admission.gateVersion(job("r-released", 1)).block()).lease();
        lease.releaseIfOpen().block();

        admission.gateVersion(job("r-released", 2)).as(StepVerifier::create)
                .assertNext(gate -> assertThat(gate).isInstanceOf(Gate.Open.class))
                .expectComplete()
                .verify(Duration.ofMillis(500));
    }

    private static DeliveryJob job(String recipient, int version) {
        return new DeliveryJob("00000000-0000-0000-0000-000000000002", "INC-ADM", version, recipient, Channel.WEBHOOK,
                new UpdateContent("SEV2", "identified", "t", "b"), "http://127.0.0.1:1/x", "s", "tenant");
    }
}
