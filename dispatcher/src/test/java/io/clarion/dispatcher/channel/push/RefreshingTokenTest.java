package io.clarion.dispatcher.channel.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.dispatcher.channel.push.RefreshingToken.Token;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RefreshingTokenTest {
    private final AtomicInteger fetches = new AtomicInteger();

    @Test
    void aTokenIsFetchedOnceAndReusedUntilItsLifetimeIsOver() {
        StepVerifier.withVirtualTime(() -> {
                    RefreshingToken token = new RefreshingToken(this::fetch);
                    return Flux.concat(Flux.range(0, 5).flatMap(i -> token.get()),
                            Mono.delay(Duration.ofMinutes(59)).then(token.get()),
                            Mono.delay(Duration.ofMinutes(2)).then(token.get()));
                })
                .thenAwait(Duration.ofMinutes(62))
                .expectNext("t1", "t1", "t1", "t1", "t1", "t1", "t2")
                .verifyComplete();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRefusedTokenIsReplacedOnceNoMatterHowManySendsSawItRefused() {
        RefreshingToken token = new RefreshingToken(this::fetch);
        token.get().as(StepVerifier::create).expectNext("t1").verifyComplete();

        token.invalidate("t1");
        token.invalidate("t1");
        token.get().as(StepVerifier::create).expectNext("t2").verifyComplete();
        token.invalidate("t1");
        token.get().as(StepVerifier::create).expectNext("t2").verifyComplete();

        assertThat(fetches).hasValue(2);
    }

    @Test
    void aFailedFetchIsNotKept() {
        AtomicInteger calls = new AtomicInteger();
        RefreshingToken token = new RefreshingToken(() -> calls.incrementAndGet() == 1
                ? Mono.error(new IllegalStateException("token endpoint down"))
                : Mono.just(new Token("t" + calls.get(), Duration.ofHours(1))));

        token.get().as(StepVerifier::create).verifyError(IllegalStateException.class);
        token.get().as(StepVerifier::create).expectNext("t2").verifyComplete();
    }

    private Mono<Token> fetch() {
        return Mono.fromSupplier(() -> new Token("t" + fetches.incrementAndGet(), Duration.ofMinutes(60)));
    }
}
