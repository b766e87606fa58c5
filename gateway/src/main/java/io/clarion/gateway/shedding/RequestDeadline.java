package io.clarion.gateway.shedding;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpMethod;

/**
 * Who answers one admitted API request: the request itself, or its deadline. Exactly one of them wins, decided
 * once: the deadline {@link #expire() expires} the request only while it is still pending. A request stops being
 * pending when its response starts ({@link #answer()}), and a request that may write (any method but GET, HEAD
 * and OPTIONS) also when it first obtains a database connection ({@link #enterDatabase()}): from then on it may
 * have written, so it runs to its end and answers its own result. A read can be cut at any moment before it
 * answers, because cutting it leaves nothing behind.
 */
final class RequestDeadline {
    private enum State { PENDING, STARTED, EXPIRED }

    private final boolean mayWrite;
    private final AtomicReference<State> state = new AtomicReference<>(State.PENDING);

    private RequestDeadline(boolean mayWrite) {
        this.mayWrite = mayWrite;
    }

    static RequestDeadline forMethod(HttpMethod method) {
        return new RequestDeadline(!(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                || HttpMethod.OPTIONS.equals(method)));
    }

    /**
     * The request obtained a database connection. False when the deadline took the request over first: then it
     * must not use the connection.
     */
    boolean enterDatabase() {
        return mayWrite ? start() : state.get() != State.EXPIRED;
    }

    /** The request's own response starts; false when the deadline took the request over first. */
    boolean answer() {
        return start();
    }

    /** The deadline passed: true when it takes the request over (cancels it and answers 503). */
    boolean expire() {
        return state.compareAndSet(State.PENDING, State.EXPIRED);
    }

    private boolean start() {
        return state.compareAndSet(State.PENDING, State.STARTED) || state.get() == State.STARTED;
    }
}
