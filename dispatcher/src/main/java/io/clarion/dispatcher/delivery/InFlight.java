package io.clarion.dispatcher.delivery;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * {@code flatMap} for one {@code Mono} per item, at a cost per item that does not grow with the number in flight: a
 * lane holds up to {@code clarion.delivery.email-concurrency} deliveries, and Reactor's {@code flatMap} scans every
 * inner subscriber each time one completes (a thousand checks per delivery at 1,024 in flight). Here each inner
 * hands its answer to one queue and a slot is freed in constant time.
 * <p>
 * Guarantees, as {@code flatMap(mapper, max)}: at most {@code max} items are requested from the source and not yet
 * handed on (in flight, or answered and waiting for demand), so a slow consumer back-pressures the source; answers
 * go downstream in the order they complete, serialized; completion after the source and every inner completed. An
 * error (of the source, the mapper or an inner) cancels the source and every inner in flight, then is signalled;
 * a cancellation cancels them too.
 */
final class InFlight<T, R> extends Flux<R> {
    private final Flux<? extends T> source;
    private final Function<? super T, ? extends Mono<? extends R>> mapper;
    private final int max;

    private InFlight(Flux<? extends T> source, Function<? super T, ? extends Mono<? extends R>> mapper, int max) {
        this.source = requireNonNull(source, "source");
        this.mapper = requireNonNull(mapper, "mapper");
        this.max = max;
    }

    /** The operator, for {@code Flux.transform}: each item's {@code mapper} Mono, at most {@code max} at once. */
    static <T, R> Function<Flux<T>, Flux<R>> upTo(int max, Function<? super T, ? extends Mono<? extends R>> mapper) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: > 0)");
        }
        return source -> new InFlight<>(source, mapper, max);
    }

    @Override
    public void subscribe(CoreSubscriber<? super R> actual) {
        source.subscribe(new Main<T, R>(actual, mapper, max));
    }

    /**
     * Holds the inners in flight (an intrusive list, so adding and removing one is constant time) and the answers
     * waiting for demand; the state is guarded by the instance's lock, and one thread at a time emits downstream.
     */
    private static final class Main<T, R> implements CoreSubscriber<T>, Subscription {
        private final CoreSubscriber<? super R> actual;
        private final Function<? super T, ? extends Mono<? extends R>> mapper;
        private final int max;
        private Subscription upstream;
        // guarded by this
        private final ArrayDeque<R> answered = new ArrayDeque<>();
        private final Inner<R> inFlight = new Inner<>(this);
        private long requested;
        /** Slots freed (an answer handed on, or an inner that completed without one) not yet requested again. */
        private long freed;
        private boolean done;
        private boolean cancelled;
        private boolean terminated;
        private Throwable error;
        /** One thread at a time hands on; another that finds it busy leaves its change to that thread's loop. */
        private boolean emitting;

        Main(CoreSubscriber<? super R> actual, Function<? super T, ? extends Mono<? extends R>> mapper, int max) {
            this.actual = actual;
            this.mapper = mapper;
            this.max = max;
            inFlight.previous = inFlight;
            inFlight.next = inFlight;
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
            Mono<? extends R> mono;
            try {
                mono = requireNonNull(mapper.apply(item), "the mapper returned null");
            } catch (Throwable failure) {
                fail(Operators.onOperatorError(upstream, failure, item, actual.currentContext()));
                return;
            }
            Inner<R> inner = new Inner<>(this);
            synchronized (this) {
                if (cancelled || terminated) {
                    return;
                }
                inner.previous = inFlight.previous;
                inner.next = inFlight;
                inFlight.previous.next = inner;
                inFlight.previous = inner;
            }
            mono.subscribe(inner);
        }

        @Override
        public void onError(Throwable failure) {
            fail(failure);
        }

        @Override
        public void onComplete() {
            synchronized (this) {
                done = true;
            }
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                synchronized (this) {
                    requested = Operators.addCap(requested, n);
                }
                drain();
            }
        }

        @Override
        public void cancel() {
            List<Inner<R>> inners;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                answered.clear();
                inners = removeAll();
            }
            upstream.cancel();
            inners.forEach(Inner::cancel);
        }

        void answer(Inner<R> inner, R value) {
            synchronized (this) {
                if (cancelled || terminated) {
                    return;
                }
                inner.answered = true;
                answered.add(value);
            }
            drain();
        }

        void complete(Inner<R> inner) {
            synchronized (this) {
                if (!inner.removed) {
                    remove(inner);
                    if (!inner.answered) {
                        freed++;
                    }
                }
            }
            drain();
        }

        /** An inner failed: it is out of flight (not cancelled), and the failure ends the whole. */
        void fail(Inner<R> inner, Throwable failure) {
            synchronized (this) {
                if (!inner.removed) {
                    remove(inner);
                }
            }
            fail(failure);
        }

        void fail(Throwable failure) {
            synchronized (this) {
                if (error == null) {
                    error = failure;
                }
                done = true;
            }
            drain();
        }

        /** Hands answers on while there is demand, frees their slots, then the terminal signal, once. */
        private void drain() {
            synchronized (this) {
                if (emitting) {
                    return;
                }
                emitting = true;
            }
            for (;;) {
                R value = null;
                long request = 0;
                Throwable failure = null;
                List<Inner<R>> toCancel = List.of();
                boolean complete = false;
                synchronized (this) {
                    if (cancelled || terminated) {
                        emitting = false;
                        return;
                    }
                    if (error != null) {
                        terminated = true;
                        failure = error;
                        answered.clear();
                        toCancel = removeAll();
                    } else if (requested > 0 && !answered.isEmpty()) {
                        value = answered.poll();
                        if (requested != Long.MAX_VALUE) {
                            requested--;
                        }
                        freed++;
                    } else if (done && answered.isEmpty() && inFlight.next == inFlight) {
                        terminated = true;
                        complete = true;
                    } else if (freed > 0 && !done) {
                        request = freed;
                        freed = 0;
                    } else {
                        emitting = false;
                        return;
                    }
                }
                if (failure != null) {
                    upstream.cancel();
                    toCancel.forEach(Inner::cancel);
                    actual.onError(failure);
                    return;
                }
                if (complete) {
                    actual.onComplete();
                    return;
                }
                if (value != null) {
                    actual.onNext(value);
                } else if (request > 0) {
                    upstream.request(request);
                }
            }
        }

        private void remove(Inner<R> inner) {
            inner.previous.next = inner.next;
            inner.next.previous = inner.previous;
            inner.removed = true;
        }

        private List<Inner<R>> removeAll() {
            List<Inner<R>> all = new ArrayList<>();
            for (Inner<R> inner = inFlight.next; inner != inFlight; inner = inner.next) {
                inner.removed = true;
                all.add(inner);
            }
            inFlight.next = inFlight;
            inFlight.previous = inFlight;
            return all;
        }
    }

    /** One item's Mono; its links are guarded by the main's lock. */
    private static final class Inner<R> implements CoreSubscriber<R> {
        private final Main<?, R> main;
        private volatile Subscription subscription;
        private volatile boolean cancelled;
        private Inner<R> previous;
        private Inner<R> next;
        private boolean answered;
        private boolean removed;

        Inner(Main<?, R> main) {
            this.main = main;
        }

        @Override
        public Context currentContext() {
            return main.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(R value) {
            main.answer(this, value);
        }

        @Override
        public void onError(Throwable failure) {
            main.fail(this, failure);
        }

        @Override
        public void onComplete() {
            main.complete(this);
        }

        void cancel() {
            cancelled = true;
            Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
