package io.clarion.dispatcher.ratelimit;

import io.clarion.core.ratelimit.BucketName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where deliveries wait for rate limits, by bucket kind ({@code recipient}, {@code tenant}, {@code provider})
 * and never by bucket: {@code clarion.ratelimit.wait{kind}}, how long a permit took (a histogram: a Redis
 * round trip when tokens were there, longer when it waited for them), and {@code clarion.ratelimit.deferrals{kind}},
 * deliveries sent back to the retry topic because their recipient had had its share for now.
 */
final class RateLimitMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(120)};

    private final Map<BucketName.Kind, Timer> waits = new EnumMap<>(BucketName.Kind.class);
    private final Map<BucketName.Kind, Counter> deferrals = new EnumMap<>(BucketName.Kind.class);

    RateLimitMetrics(MeterRegistry registry) {
        for (BucketName.Kind kind : BucketName.Kind.values()) {
            String tag = kind.name().toLowerCase(Locale.ROOT);
            waits.put(kind, Timer.builder("clarion.ratelimit.wait").tag("kind", tag).serviceLevelObjectives(BUCKETS)
                    .description("Time a delivery waited for a rate-limit permit").register(registry));
            deferrals.put(kind, Counter.builder("clarion.ratelimit.deferrals").tag("kind", tag)
                    .description("Deliveries deferred to the retry topic by a rate limit").register(registry));
        }
    }

    void waited(BucketName.Kind kind, long nanos) {
        waits.get(kind).record(Duration.ofNanos(nanos));
    }

    void deferred(BucketName.Kind kind) {
        deferrals.get(kind).increment();
    }
}
