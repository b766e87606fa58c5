package io.clarion.dispatcher.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Requests made by concurrent deliveries, sent as one call: a request waits at most {@code linger} for others to
 * join it, and a batch that reaches {@code maxBatch} goes at once. The call answers every request of its batch, in
 * order; a failed call fails each of its requests (each caller retries on its own, as it would a lone call). A
 * request whose caller cancelled is still sent with its batch (its answer is dropped), as a lone command already
 * written to Redis would be.
 * <p>
 * The answers are handed to the callers on the scheduler's workers ({@code parallel}, one per core), so what each
 * delivery does next does not run on the Redis client's single I/O thread, which would then serialise the pipeline.
 * <p>
 * Batching trades at most {@code linger} of latency for one round trip, one script run and one Redis command per
 * batch instead of per delivery; under load a batch fills before its linger ends.
 *
 * @param <Q> a request
 * @param <R> its answer
 */
public final class CoalescedCalls<Q, R> {
    private final Duration linger;
    private final int maxBatch;
    private final Function<List<Q>, Mono<List<R>>> call;
    private final Scheduler timer;
    private List<Pending<Q, R>> waiting = new ArrayList<>();

    private record Pending<Q, R>(Q request, MonoSink<R> sink) {
    }

    /**
     * @param call one call for a batch: answers each request, in the order of the list
     */
    public CoalescedCalls(Duration linger, int maxBatch, Function<List<Q>, Mono<List<R>>> call) {
        this(linger, maxBatch, call, Schedulers.parallel());
    }

    CoalescedCalls(Duration linger, int maxBatch, Function<List<Q>, Mono<List<R>>> call, Scheduler timer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: > 0)");
        }
        this.linger = linger;
        this.maxBatch = maxBatch;
        this.call = call;
        this.timer = timer;
    }

    /** The answer to {@code request}, sent with whatever other requests join it within the linger. */
    public Mono<R> call(Q request) {
        return Mono.create(sink -> join(new Pending<>(request, sink)));
    }

    private void join(Pending<Q, R> pending) {
        List<Pending<Q, R>> full = null;
        boolean first;
        synchronized (this) {
            waiting.add(pending);
            first = waiting.size() == 1;
            if (waiting.size() >= maxBatch) {
                full = takeWaiting();
            }
        }
        if (full != null) {
            send(full);
        } else if (first) {
            if (linger.isZero()) {
                flush();
            } else {
                timer.schedule(this::flush, linger.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Sends what waits now; a batch that filled up and went meanwhile leaves nothing or a younger batch. */
    private void flush() {
        List<Pending<Q, R>> batch;
        synchronized (this) {
            batch = takeWaiting();
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    private List<Pending<Q, R>> takeWaiting() {
        List<Pending<Q, R>> batch = waiting;
        waiting = new ArrayList<>();
        return batch;
    }

    private void send(List<Pending<Q, R>> batch) {
        List<Q> requests = batch.stream().map(Pending::request).toList();
        Mono<List<R>> answers;
        try {
            answers = call.apply(requests);
        } catch (RuntimeException e) {
            answers = Mono.error(e);
        }
        answers.switchIfEmpty(Mono.error(() -> new IllegalStateException("no answer to a batch of " + batch.size())))
                // the callers' next steps run on the timer's workers, not on the Redis client's one I/O thread
                .publishOn(timer)
                .subscribe(results -> answer(batch, results), error -> batch.forEach(p -> p.sink().error(error)));
    }

    private static <Q, R> void answer(List<Pending<Q, R>> batch, List<R> results) {
        if (results.size() != batch.size()) {
            IllegalStateException wrong = new IllegalStateException(
                    results.size() + " answers to a batch of " + batch.size() + " requests");
            batch.forEach(p -> p.sink().error(wrong));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).sink().success(results.get(i));
        }
    }
}
