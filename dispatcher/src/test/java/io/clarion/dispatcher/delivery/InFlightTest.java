package io.clarion.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class InFlightTest {
    private final TestPublisher<Integer> source = TestPublisher.create();
    private final Map<Integer, Sinks.One<String>> pending = new ConcurrentHashMap<>();
    private final Set<Integer> cancelled = ConcurrentHashMap.newKeySet();

    /** Each item's answer waits until the test gives it; a cancelled one is noted. */
    private Mono<String> hanging(Integer item) {
        Sinks.One<String> answer = Sinks.one();
        pending.put(item, answer);
        return answer.asMono().doOnCancel(() -> cancelled.add(item));
    }

    private void answer(int item) {
        pending.get(item).tryEmitValue("answer " + item).orThrow();
    }

    @Test
    void answersGoDownstreamInTheOrderTheyCompleteAndEmptyOnesAreSkipped() {
        Flux.range(1, 5).transform(InFlight.upTo(3, item -> item % 2 == 0 ? Mono.<String>empty()
                        : Mono.just("answer " + item).delayElement(Duration.ofMillis(60L - 10L * item))))
                .as(StepVerifier::create)
                // 2 and 4 end at once, so 5 starts before 1 and 3 end
                .expectNext("answer 5", "answer 3", "answer 1")
                .verifyComplete();
    }

    @Test
    void atMostMaxItemsAreRequestedWhileNoneIsAnswered() {
        source.flux().transform(InFlight.upTo(3, this::hanging)).as(answers -> StepVerifier.create(answers, 10))
                .then(() -> source.next(1, 2, 3))
                .then(() -> source.assertMinRequested(0).assertMaxRequested(0))
                .then(() -> answer(2))
                .expectNext("answer 2")
                .then(() -> source.assertMinRequested(1).assertMaxRequested(1))
                .thenCancel()
                .verify();
    }

    @Test
    void anAnswerWaitingForDemandHoldsItsSlot() {
        source.flux().transform(InFlight.upTo(2, this::hanging)).as(answers -> StepVerifier.create(answers, 0))
                .then(() -> source.next(1, 2))
                .then(() -> answer(1))
                .then(() -> answer(2))
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> source.assertMaxRequested(0))
                .thenRequest(1)
                .expectNext("answer 1")
                .then(() -> source.assertMinRequested(1).assertMaxRequested(1))
                .thenRequest(1)
                .expectNext("answer 2")
                .thenCancel()
                .verify();
    }

    @Test
    void itCompletesWhenTheSourceAndEveryItemInFlightHaveCompleted() {
        source.flux().transform(InFlight.upTo(4, this::hanging)).as(StepVerifier::create)
                .then(() -> source.next(1, 2))
                .then(source::complete)
                .then(() -> answer(1))
                .expectNext("answer 1")
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> answer(2))
                .expectNext("answer 2")
                .verifyComplete();
    }

    @Test
    void anItemThatFailsCancelsTheSourceAndTheOthersInFlightThenTheErrorIsSignalled() {
        source.flux().transform(InFlight.upTo(4, this::hanging)).as(StepVerifier::create)
                .then(() -> source.next(1, 2, 3))
                .then(() -> pending.get(2).tryEmitError(new IllegalStateException("boom")).orThrow())
                .expectErrorMessage("boom")
                .verify(Duration.ofSeconds(5));

        source.assertCancelled();
        assertThat(cancelled).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void aMapperThatThrowsFailsTheFluxAndASourceErrorToo() {
        Flux.range(1, 3).transform(InFlight.<Integer, String>upTo(2, item -> {
            throw new IllegalArgumentException("bad item " + item);
        })).as(StepVerifier::create).expectErrorMessage("bad item 1").verify(Duration.ofSeconds(5));

        Flux.<Integer>error(new IllegalStateException("source down")).transform(InFlight.upTo(2, this::hanging))
                .as(StepVerifier::create).expectErrorMessage("source down").verify(Duration.ofSeconds(5));
    }

    @Test
    void cancellingCancelsTheSourceAndEveryItemInFlight() {
        source.flux().transform(InFlight.upTo(4, this::hanging)).as(StepVerifier::create)
                .then(() -> source.next(1, 2, 3))
                .then(() -> answer(1))
                .expectNext("answer 1")
                .thenCancel()
                .verify();

        source.assertCancelled();
        // the verifier cancels from within answer 1's signal, before its Mono completed: 1 may be cancelled too
        assertThat(cancelled).contains(2, 3);
    }

    @Test
    void manyItemsAnsweredOnOtherThreadsArriveExactlyOnceAndNeverMoreThanMaxRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 20_000).boxed().toList();

        List<Integer> answers = Flux.fromIterable(items)
                .transform(InFlight.upTo(64, item -> Mono.fromCallable(() -> {
                            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                            return item;
                        }).subscribeOn(Schedulers.parallel())
                        .delayUntil(ignored -> item % 7 == 0 ? Mono.delay(Duration.ofMillis(1)) : Mono.empty())
                        .doOnNext(ignored -> running.decrementAndGet())
                        .filter(answer -> answer % 5 != 0)))
                .publishOn(Schedulers.single(), 32)
                .collectList()
                .block(Duration.ofSeconds(60));

        List<Integer> sorted = new ArrayList<>(answers);
        sorted.sort(null);
        assertThat(sorted).isEqualTo(items.stream().filter(item -> item % 5 != 0).toList());
        assertThat(mostAtOnce.get()).isBetween(2, 64);
    }

    @Test
    void atLeastOneInFlight() {
        assertThatIllegalArgumentException().isThrownBy(() -> InFlight.upTo(0, this::hanging))
                .withMessageContaining("max: 0");
    }
}
