package io.clarion.gateway.subscriber;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sign-ups per client address, in this gateway's memory: a token bucket (bucket4j, local) of
 * {@code signup-burst} tokens, refilled one per {@code signup-interval}, per address. At most
 * {@code tracked-addresses} buckets are kept; the least recently used is dropped first, so memory stays bounded
 * whatever addresses arrive (a dropped address starts again with a full bucket). Each gateway limits on its own:
 * behind N gateways an address gets up to N times the burst.
 */
@Component
class SignupLimiter {
    private final SubscriberProperties properties;
    private final Map<String, Bucket> buckets;

    SignupLimiter(SubscriberProperties properties) {
        this.properties = properties;
        int bound = properties.trackedAddresses();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > bound;
            }
        };
    }

    /** Takes one sign-up of {@code address}; answers {@link Duration#ZERO} when allowed, else how long to wait. */
    Duration take(String address) {
        ConsumptionProbe probe = bucket(address).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private Bucket bucket(String address) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(address, ignored -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(properties.signupBurst())
                            .refillGreedy(1, properties.signupInterval()).build())
                    .build());
        }
    }
}
