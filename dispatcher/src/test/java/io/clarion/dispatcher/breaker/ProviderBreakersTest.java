package io.clarion.dispatcher.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.delivery.DeliveryOutcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ProviderBreakersTest {
    private static final Duration OPEN_FOR = Duration.ofSeconds(30);
    private static final Duration SHORT_OPEN_FOR = Duration.ofMillis(300);

    private ProviderBreakers breakers = breakers(OPEN_FOR);
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void failingProviderOpensItsBreakerAndDeliveriesAreParkedWithoutACall() {
        failFourTimes("ses:us-east-1");

        StepVerifier.create(breakers.parked("ses:us-east-1"))
                .assertNext(parked -> assertThat(parked).isEqualTo(
                        DeliveryOutcome.RetryLater.deferred(OPEN_FOR, "circuit-open:ses:us-east-1")))
                .verifyComplete();
        StepVerifier.create(breakers.call("ses:us-east-1", this::sent))
                .assertNext(outcome -> assertThat(ProviderBreakers.isParked(outcome)).isTrue())
                .verifyComplete();
        assertThat(calls).hasValue(4);
    }

    @Test
    void otherAccountsKeepSending() {
        failFourTimes("twilio:AC1");

        StepVerifier.create(breakers.parked("fcm:project")).verifyComplete();
        StepVerifier.create(breakers.call("fcm:project", this::sent))
                .expectNext(new DeliveryOutcome.Sent())
                .verifyComplete();
    }

    @Test
    void breakerLetsTrialCallsThroughAfterOpenForAndClosesWhenTheyPass() throws InterruptedException {
        breakers = breakers(SHORT_OPEN_FOR);
        failFourTimes("apns:TEAM");

        Thread.sleep(SHORT_OPEN_FOR.toMillis() + 300);

        StepVerifier.create(breakers.parked("apns:TEAM")).verifyComplete();
        StepVerifier.create(breakers.call("apns:TEAM", this::sent)).expectNext(new DeliveryOutcome.Sent()).verifyComplete();
        StepVerifier.create(breakers.call("apns:TEAM", this::sent)).expectNext(new DeliveryOutcome.Sent()).verifyComplete();
        StepVerifier.create(breakers.call("apns:TEAM", this::sent)).expectNext(new DeliveryOutcome.Sent()).verifyComplete();
        assertThat(calls).hasValue(4 + 3);
    }

    @Test
    void trialCallsThatErrorDoNotParkTheAccountForGood() throws InterruptedException {
        breakers = breakers(SHORT_OPEN_FOR);
        failFourTimes("sns:BUG");
        Thread.sleep(SHORT_OPEN_FOR.toMillis() + 300);

        for (int i = 0; i < 2; i++) {
            StepVerifier.create(breakers.call("sns:BUG", () -> Mono.error(new IllegalStateException("a bug"))))
                    .verifyErrorMessage("a bug");
        }
        Thread.sleep(SHORT_OPEN_FOR.toMillis() + 300);

        StepVerifier.create(breakers.call("sns:BUG", this::sent)).expectNext(new DeliveryOutcome.Sent()).verifyComplete();
    }

    @Test
    void refusalsShowTheProviderIsUpAndDoNotOpenTheBreaker() {
        for (int i = 0; i < 10; i++) {
            breakers.call("twilio:AC2", () -> Mono.just(new DeliveryOutcome.Undeliverable("twilio:21211"))).block();
        }

        StepVerifier.create(breakers.parked("twilio:AC2")).verifyComplete();
    }

    @Test
    void hungCallTimesOutAsARetry() {
        StepVerifier.withVirtualTime(() -> breakers.call(null, Mono::never))
                .thenAwait(Duration.ofSeconds(2))
                .assertNext(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryLater.class)
                        .extracting(DeliveryOutcome::reason).asString().startsWith("timeout"))
                .verifyComplete();
    }

    @Test
    void withoutAnAccountThereIsNoBreaker() {
        for (int i = 0; i < 10; i++) {
            breakers.call(null, this::unavailable).block();
        }

        StepVerifier.create(breakers.parked(null)).verifyComplete();
        StepVerifier.create(breakers.call(null, this::sent)).expectNext(new DeliveryOutcome.Sent()).verifyComplete();
    }

    private static ProviderBreakers breakers(Duration openFor) {
        return new ProviderBreakers(new BreakerProperties(Duration.ofSeconds(2), 50, 10, 4, openFor, 2));
    }

    private void failFourTimes(String account) {
        for (int i = 0; i < 4; i++) {
            StepVerifier.create(breakers.call(account, this::unavailable))
                    .expectNextMatches(outcome -> outcome instanceof DeliveryOutcome.RetryLater)
                    .verifyComplete();
        }
    }

    private Mono<DeliveryOutcome> sent() {
        return Mono.fromSupplier(() -> {
            calls.incrementAndGet();
            return new DeliveryOutcome.Sent();
        });
    }

    private Mono<DeliveryOutcome> unavailable() {
        return Mono.fromSupplier(() -> {
            calls.incrementAndGet();
            return DeliveryOutcome.RetryLater.backoff("http 503");
        });
    }
}
