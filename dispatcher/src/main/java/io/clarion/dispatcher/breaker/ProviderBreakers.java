package io.clarion.dispatcher.breaker;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryOutcome;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A circuit breaker per provider account (resilience4j) and a hard timeout on every call. A provider that
 * hangs, is paused or keeps failing opens its breaker: its deliveries are then parked (answered
 * {@code RetryLater} with reason {@code circuit-open:<account>}, no call made, no connection held) for
 * {@code open-for}, after which a few trial calls decide whether it is back. Nothing else is needed for
 * deliveries to resume. Transient outcomes ({@code RetryLater}, including the timeout) count as failures;
 * every other outcome, a refusal included, shows the provider is answering and counts as a success. An error
 * (a bug) counts as a failure. Calls go through resilience4j's reactor operator, so every path (answer, error,
 * cancellation) gives back the permit it took: a half-open breaker cannot run out of trial permits.
 */
@Component
public class ProviderBreakers {
    /** The reason prefix of a parked delivery. */
    public static final String CIRCUIT_OPEN = "circuit-open:";

    private final CircuitBreakerRegistry registry;
    private final BreakerProperties properties;
    private final ProviderMetrics metrics;

    /** Breakers whose metrics nobody reads, for tests. */
    ProviderBreakers(BreakerProperties properties) {
        this(properties, new SimpleMeterRegistry());
    }

    @Autowired
    ProviderBreakers(BreakerProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.metrics = new ProviderMetrics(meters);
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRateThreshold())
                .slidingWindowSize(properties.slidingWindow())
                .minimumNumberOfCalls(properties.minimumCalls())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(properties.trialCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordResult(result -> result instanceof DeliveryOutcome.RetryLater)
                .build());
        registry.getEventPublisher().onEntryAdded(added -> metrics.watch(added.getAddedEntry()));
    }

    /** The parked outcome when {@code account}'s breaker is open; empty when calls may be made. */
    public Mono<DeliveryOutcome.RetryLater> parked(String account) {
        if (account == null || registry.circuitBreaker(account).getState() != CircuitBreaker.State.OPEN) {
            return Mono.empty();
        }
        return Mono.just(parkedOutcome(account));
    }

    /** Whether an outcome is a delivery parked by an open breaker (a deferral: it uses no attempt). */
    public static boolean isParked(DeliveryOutcome outcome) {
        return outcome instanceof DeliveryOutcome.RetryLater later && !later.usesAttempt()
                && later.reason().startsWith(CIRCUIT_OPEN);
    }

    /**
     * Makes the call through {@code account}'s breaker, with the hard timeout ({@code null}: timeout only), and
     * measures it ({@link ProviderMetrics}).
     */
    public Mono<DeliveryOutcome> call(Channel channel, String account, Supplier<Mono<DeliveryOutcome>> send) {
        return metrics.timed(channel, account, call(account, send));
    }

    /** Makes the call through {@code account}'s breaker, with the hard timeout; {@code null}: timeout only. */
    public Mono<DeliveryOutcome> call(String account, Supplier<Mono<DeliveryOutcome>> send) {
        if (account == null) {
            return withTimeout(send);
        }
        return withTimeout(send)
                .transformDeferred(CircuitBreakerOperator.of(registry.circuitBreaker(account)))
                .onErrorResume(CallNotPermittedException.class, refused -> Mono.just(parkedOutcome(account)));
    }

    private Mono<DeliveryOutcome> withTimeout(Supplier<Mono<DeliveryOutcome>> send) {
        return Mono.defer(send).timeout(properties.callTimeout(),
                Mono.fromSupplier(() -> DeliveryOutcome.RetryLater.backoff("timeout after " + properties.callTimeout())));
    }

    private DeliveryOutcome.RetryLater parkedOutcome(String account) {
        return DeliveryOutcome.RetryLater.deferred(properties.openFor(), CIRCUIT_OPEN + account);
    }
}
