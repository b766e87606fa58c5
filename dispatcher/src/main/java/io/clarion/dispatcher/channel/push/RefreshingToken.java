package io.clarion.dispatcher.channel.push;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A bearer token shared by every send: fetched once, reused until its lifetime is over, then fetched again on
 * the next use. Concurrent callers share one fetch; a failed fetch is not kept, so the next caller tries again.
 * {@link #invalidate(String)} drops a token the provider refused, once, however many sends saw it refused.
 */
final class RefreshingToken {
    /** A token and how long it may be used. */
    record Token(String value, Duration lifetime) {
        Token {
            requireNonNull(value, "value");
            requireNonNull(lifetime, "lifetime");
        }
    }

    private final Supplier<Mono<Token>> fetch;
    private final AtomicReference<Mono<Token>> current = new AtomicReference<>();
    private volatile String latest;

    RefreshingToken(Supplier<Mono<Token>> fetch) {
        this.fetch = requireNonNull(fetch, "fetch");
        current.set(cached());
    }

    Mono<String> get() {
        return Mono.defer(current::get).map(Token::value);
    }

    /** Fetches a new token on next use, unless {@code refused} was already replaced. */
    void invalidate(String refused) {
        Mono<Token> seen = current.get();
        if (refused.equals(latest) && current.compareAndSet(seen, cached())) {
            latest = null;
        }
    }

    private Mono<Token> cached() {
        return Mono.defer(fetch).map(this::remember)
                .cache(Token::lifetime, failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    private Token remember(Token token) {
        latest = token.value();
        return token;
    }
}
