package io.clarion.dispatcher.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class CoalescedCallsTest {
    private final List<List<Integer>> calls = new CopyOnWriteArrayList<>();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    private Mono<List<String>> answer(List<Integer> requests) {
        calls.add(requests);
        return Mono.just(requests.stream().map(r -> "answer-" + r).toList());
    }

    @Test
    void requestsMadeWithinTheLingerShareOneCallAndEachGetsItsOwnAnswer() {
        CoalescedCalls<Integer, String> batched = new CoalescedCalls<>(Duration.ofMillis(5), 100, this::answer, time);

        StepVerifier.create(Flux.range(1, 3).flatMap(batched::call).collectList())
                .then(() -> assertThat(calls).as("nothing is sent before the linger ends").isEmpty())
                .then(() -> time.advanceTimeBy(Duration.ofMillis(5)))
                .assertNext(answers -> assertThat(answers).containsExactly("answer-1", "answer-2", "answer-3"))
                .verifyComplete();
        assertThat(calls).containsExactly(List.of(1, 2, 3));
    }

    @Test
    void aFullBatchGoesAtOnceAndTheRestWaitsForTheLinger() {
        CoalescedCalls<Integer, String> batched = new CoalescedCalls<>(Duration.ofMillis(5), 2, this::answer, time);

        StepVerifier.create(Flux.range(1, 3).flatMap(batched::call).collectList())
                .then(() -> assertThat(calls).containsExactly(List.of(1, 2)))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(5)))
                .assertNext(answers -> assertThat(answers).containsExactlyInAnyOrder("answer-1", "answer-2", "answer-3"))
                .verifyComplete();
        assertThat(calls).containsExactly(List.of(1, 2), List.of(3));
    }

    @Test
    void aFailedCallFailsEveryRequestOfItsBatch() {
        CoalescedCalls<Integer, String> batched = new CoalescedCalls<>(Duration.ZERO, 10,
                requests -> Mono.error(new IllegalStateException("redis is down")), time);

        StepVerifier.create(batched.call(1)).verifyErrorMessage("redis is down");
        StepVerifier.create(batched.call(2)).verifyErrorMessage("redis is down");
    }

    @Test
    void anAnswerCountThatDoesNotMatchTheBatchIsAnErrorNotAWrongAnswer() {
        CoalescedCalls<Integer, String> batched = new CoalescedCalls<>(Duration.ofMillis(1), 10,
                requests -> Mono.just(List.of("only one")), time);

        StepVerifier.create(Flux.range(1, 2).flatMap(batched::call))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(1)))
                .verifyErrorMessage("1 answers to a batch of 2 requests");
    }

    @Test
    void aCallThatAnswersNothingFailsItsRequests() {
        CoalescedCalls<Integer, String> batched = new CoalescedCalls<>(Duration.ZERO, 10, requests -> Mono.empty(),
                time);

        StepVerifier.create(batched.call(1)).verifyErrorMessage("no answer to a batch of 1");
    }
}
