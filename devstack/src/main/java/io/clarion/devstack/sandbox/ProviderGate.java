package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Runs one provider request of a channel through that channel's {@link Fault}: waits the injected
 * latency, then either accepts it (the caller records it and answers success) or refuses it with the
 * provider's error; every refusal, including the caller's own (bad auth, invalid request), is counted
 * in the {@link Inbox}'s rejected counts and never recorded as a message.
 */
final class ProviderGate {

    private final String channel;
    private final Faults faults;
    private final Inbox inbox;

    ProviderGate(String channel, Faults faults, Inbox inbox) {
        this.channel = requireNonNull(channel, "channel");
        this.faults = requireNonNull(faults, "faults");
        this.inbox = requireNonNull(inbox, "inbox");
    }

    Mono<Void> pass(Collection<String> destinations, Supplier<Publisher<Void>> accept,
                    Function<Verdict, Publisher<Void>> refuse) {
        Verdict verdict = faults.judge(channel, destinations);
        Mono<Verdict> waited = verdict.latency().isZero() ? Mono.just(verdict)
                : Mono.just(verdict).delayElement(verdict.latency());
        return waited.flatMap(v -> Mono.from(v.accepted() ? accept.get() : refuse(refuse.apply(v))));
    }

    /** Counts a refusal and answers with {@code answer}. */
    Publisher<Void> refuse(Publisher<Void> answer) {
        inbox.reject(channel);
        return answer;
    }

    Verdict judge(Collection<String> destinations) {
        return faults.judge(channel, destinations);
    }

    void record(SandboxMessage message) {
        inbox.add(message);
    }
}
