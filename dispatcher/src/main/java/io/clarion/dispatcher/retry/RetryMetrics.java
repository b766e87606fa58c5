package io.clarion.dispatcher.retry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The retries this dispatcher holds until they are due: {@code clarion.retry.waiting} (how many) and
 * {@code clarion.retry.next.due} (seconds until the earliest is due; 0 when none waits, negative when the
 * relay is behind). Retries still in the retry topic show as the lag of the retry consumer group.
 */
@Component
class RetryMetrics {
    private final ConcurrentSkipListMap<Instant, Integer> dueTimes = new ConcurrentSkipListMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Clock clock;

    RetryMetrics(MeterRegistry registry) {
        this.clock = Clock.systemUTC();
        Gauge.builder("clarion.retry.waiting", waiting, AtomicInteger::get)
                .description("Retries read from the retry topic and waiting in memory until they are due")
                .register(registry);
        Gauge.builder("clarion.retry.next.due", this, RetryMetrics::secondsToNextDue).baseUnit("seconds")
                .description("Seconds until the earliest waiting retry is due (0 when none waits)")
                .register(registry);
    }

    /** Counts {@code wait} as waiting for {@code dueAt} from subscription until it ends, however it ends. */
    <T> Mono<T> waiting(Instant dueAt, Mono<T> wait) {
        return Mono.using(() -> enter(dueAt), entered -> wait, this::leave);
    }

    private Instant enter(Instant dueAt) {
        dueTimes.merge(dueAt, 1, Integer::sum);
        waiting.incrementAndGet();
        return dueAt;
    }

    private void leave(Instant dueAt) {
        waiting.decrementAndGet();
        dueTimes.computeIfPresent(dueAt, (due, count) -> count == 1 ? null : count - 1);
    }

    double secondsToNextDue() {
        Map.Entry<Instant, Integer> next = dueTimes.firstEntry();
        return next == null ? 0 : Duration.between(clock.instant(), next.getKey()).toMillis() / 1000.0;
    }
}
