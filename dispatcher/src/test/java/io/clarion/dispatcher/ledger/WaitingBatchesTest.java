package io.clarion.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class WaitingBatchesTest {
    private final TestPublisher<String> source = TestPublisher.create();

    @Test
    void anItemArrivingWhileTheConsumerWaitsIsHandedOverAtOnceAlone() {
        source.flux().transform(WaitingBatches.upTo(500)).as(batches -> StepVerifier.create(batches, 0))
                .thenRequest(1)
                .then(() -> source.next("a"))
                .expectNext(List.of("a"))
                .thenRequest(1)
                .then(() -> source.next("b"))
                .expectNext(List.of("b"))
                .thenCancel()
                .verify();
    }

    @Test
    void whatArrivesWhileTheConsumerIsBusyBecomesItsNextBatch() {
        source.flux().transform(WaitingBatches.upTo(500)).as(batches -> StepVerifier.create(batches, 0))
                .thenRequest(1)
                .then(() -> source.next("a"))
                .expectNext(List.of("a"))
                .then(() -> source.next("b", "c", "d"))
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(1)
                .expectNext(List.of("b", "c", "d"))
                .thenCancel()
                .verify();
    }

    @Test
    void atMostMaxItemsWaitAndABatchHoldsAtMostMax() {
        source.flux().transform(WaitingBatches.upTo(3)).as(batches -> StepVerifier.create(batches, 0))
                .then(() -> source.assertMinRequested(3).assertMaxRequested(3))
                .then(() -> source.next("a", "b", "c"))
                .then(() -> source.assertMaxRequested(0))
                .thenRequest(1)
                .expectNext(List.of("a", "b", "c"))
                .then(() -> source.assertMinRequested(3))
                .then(() -> source.next("d"))
                .thenRequest(1)
                .expectNext(List.of("d"))
                .thenCancel()
                .verify();
    }

    @Test
    void onCompletionWhatWaitsIsHandedOverFirst() {
        source.flux().transform(WaitingBatches.upTo(500)).as(batches -> StepVerifier.create(batches, 0))
                .then(() -> source.next("a", "b").complete())
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(1)
                .expectNext(List.of("a", "b"))
                .verifyComplete();
    }

    @Test
    void onErrorWhatWaitsIsHandedOverFirst() {
        source.flux().transform(WaitingBatches.upTo(500)).as(batches -> StepVerifier.create(batches, 0))
                .then(() -> source.next("a").error(new IllegalStateException("lane broke")))
                .thenRequest(1)
                .expectNext(List.of("a"))
                .verifyErrorMessage("lane broke");
    }

    @Test
    void cancellingStopsTheSource() {
        source.flux().transform(WaitingBatches.upTo(500)).as(StepVerifier::create)
                .then(() -> source.next("a"))
                .expectNext(List.of("a"))
                .thenCancel()
                .verify();

        source.assertCancelled();
    }

    @Test
    void underAsynchronousLoadNothingIsLostRepeatedOrReordered() {
        int items = 100_000;
        List<List<Integer>> batches = new ArrayList<>();

        Flux.range(0, items).publishOn(Schedulers.parallel(), 64)
                .transform(WaitingBatches.upTo(500))
                .concatMap(batch -> Mono.delay(Duration.ofMillis(1)).doOnNext(tick -> batches.add(batch)), 0)
                .then().as(StepVerifier::create).verifyComplete();

        assertThat(batches.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(IntStream.range(0, items).boxed().toList());
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 500));
    }

    @Test
    void aMaxBelowOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> WaitingBatches.upTo(0))
                .withMessage("max: 0 (expected: > 0)");
    }
}
