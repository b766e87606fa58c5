package io.clarion.dispatcher.ledger;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Batches sized by what is waiting, not by a clock: each batch the consumer asks for holds every item that arrived
 * since the previous one was taken, up to {@code max}. An item arriving while the consumer waits is handed over at
 * once, alone, so a quiet stream adds no latency; while the consumer is busy (writing the previous batch) items
 * gather, so batches grow with throughput up to {@code max}. Meant for a consumer that asks for one batch at a time
 * ({@code concatMap(write, 0)}): a consumer that asks ahead gets small batches.
 * <p>
 * Guarantees: items keep their order, none is dropped or repeated; at most {@code max} items are requested from the
 * source and not yet taken, so a slow consumer back-pressures the source; on completion or error the items still
 * waiting are handed over first, then the signal.
 */
public final class WaitingBatches<T> extends Flux<List<T>> {
    private final Flux<? extends T> source;
    private final int max;

    private WaitingBatches(Flux<? extends T> source, int max) {
        this.source = requireNonNull(source, "source");
        this.max = max;
    }

    /** The operator, for {@code Flux.transform}. */
    public static <T> Function<Flux<T>, Flux<List<T>>> upTo(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: > 0)");
        }
        return source -> new WaitingBatches<>(source, max);
    }

    @Override
    public void subscribe(CoreSubscriber<? super List<T>> actual) {
        source.subscribe(new Batcher<>(actual, max));
    }

    /** Queues what the source sends and hands it over, serialized by a work-in-progress counter. */
    private static final class Batcher<T> implements CoreSubscriber<T>, Subscription {
        private final CoreSubscriber<? super List<T>> actual;
        private final int max;
        private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private Subscription upstream;
        private volatile boolean done;
        private volatile boolean stopped;
        private Throwable error;

        Batcher(CoreSubscriber<? super List<T>> actual, int max) {
            this.actual = actual;
            this.max = max;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(upstream, subscription)) {
                upstream = subscription;
                actual.onSubscribe(this);
                subscription.request(max);
            }
        }

        @Override
        public void onNext(T item) {
            waiting.offer(item);
            drain();
        }

        @Override
        public void onError(Throwable failure) {
            error = failure;
            done = true;
            drain();
        }

        @Override
        public void onComplete() {
            done = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                requested.accumulateAndGet(n, Operators::addCap);
                drain();
            }
        }

        @Override
        public void cancel() {
            stopped = true;
            upstream.cancel();
            drain();
        }

        private void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                handOver();
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }

        /** Hands over batches while there is demand and something waits; then the terminal signal, once. */
        private void handOver() {
            while (!stopped) {
                boolean finished = done;
                if (waiting.isEmpty()) {
                    if (finished) {
                        stopped = true;
                        terminate();
                    }
                    return;
                }
                if (requested.get() == 0) {
                    return;
                }
                List<T> batch = take();
                requested.getAndUpdate(demand -> demand == Long.MAX_VALUE ? demand : demand - 1);
                actual.onNext(batch);
                upstream.request(batch.size());
            }
            waiting.clear();
        }

        private List<T> take() {
            List<T> batch = new ArrayList<>(Math.min(max, waiting.size()));
            for (T item = waiting.poll(); item != null; item = batch.size() < max ? waiting.poll() : null) {
                batch.add(item);
            }
            return batch;
        }

        private void terminate() {
            if (error != null) {
                actual.onError(error);
            } else {
                actual.onComplete();
            }
        }
    }
}
