package io.clarion.dispatcher.breaker;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryOutcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * What the providers are doing, tagged by channel and provider account only:
 * <ul>
 *   <li>{@code clarion.provider.calls{channel,account,outcome}}: the latency of each call (a histogram), by
 *       what the provider answered ({@code sent}, {@code retry}: throttled, unavailable or timed out,
 *       {@code failed}, {@code undeliverable}, {@code unrecognized});</li>
 *   <li>{@code clarion.provider.in.flight{channel}}: calls waiting for the provider's answer now;</li>
 *   <li>{@code clarion.breaker.state{account,state}}: 1 for the state each account's breaker is in.</li>
 * </ul>
 */
final class ProviderMetrics {
    /** An outcome's tag, its class's simple name in lower case: computed once per class, not per call. */
    private static final ClassValue<String> OUTCOME_TAGS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().toLowerCase(Locale.ROOT);
        }
    };
    /** Bounds of the latency histogram, from a fast webhook to the hard timeout. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final String NO_BREAKER = "none";

    private final MeterRegistry registry;
    private final Map<Channel, AtomicInteger> inFlight = new EnumMap<>(Channel.class);
    /** Each series' timer, registered once: a call records into it without building and looking up its id. */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    private record Series(Channel channel, String account, String outcome) {
    }

    ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Channel channel : Channel.values()) {
            AtomicInteger calls = new AtomicInteger();
            inFlight.put(channel, calls);
            Gauge.builder("clarion.provider.in.flight", calls, AtomicInteger::get).tag("channel", channel.wireName())
                    .description("Provider calls waiting for an answer").register(registry);
        }
    }

    /** Times {@code call} and counts it in flight while it runs; {@code account} null: a call without breaker. */
    Mono<DeliveryOutcome> timed(Channel channel, String account, Mono<DeliveryOutcome> call) {
        AtomicInteger calls = inFlight.get(channel);
        return Mono.defer(() -> {
            long start = System.nanoTime();
            calls.incrementAndGet();
            return call.doOnNext(outcome -> timer(channel, account, outcome).record(Duration.ofNanos(System.nanoTime() - start)))
                    .doFinally(signal -> calls.decrementAndGet());
        });
    }

    /** Publishes the state of a breaker just created: 1 for its current state, 0 for the others. */
    void watch(CircuitBreaker breaker) {
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder("clarion.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .tags("account", breaker.getName(), "state", state.name().toLowerCase(Locale.ROOT))
                    .description("1 for the state the provider account's circuit breaker is in")
                    .register(registry);
        }
    }

    private Timer timer(Channel channel, String account, DeliveryOutcome outcome) {
        return timers.computeIfAbsent(new Series(channel, account == null ? NO_BREAKER : account,
                outcomeTag(outcome)), series -> Timer.builder("clarion.provider.calls")
                .tags("channel", series.channel().wireName(), "account", series.account(), "outcome", series.outcome())
                .serviceLevelObjectives(BUCKETS)
                .description("Provider calls by what the provider answered")
                .register(registry));
    }

    static String outcomeTag(DeliveryOutcome outcome) {
        return outcome instanceof DeliveryOutcome.RetryLater ? "retry" : OUTCOME_TAGS.get(outcome.getClass());
    }
}
