package io.clarion.core.ratelimit;

import java.time.Duration;

/**
 * The default policy of each kind of bucket, in one place for the dispatcher (which applies them) and
 * the gateway (which reports them): 5000/s per provider account and per tenant and channel (bursts of
 * 500), generous so a fresh install is not throttled below what one node does (set each provider's
 * real quota through the admin API), and 20 per hour per recipient (anti-fatigue).
 */
public final class RateLimitDefaults {
    public static final String PROVIDER_ACCOUNT = "default";
    public static final RateLimitPolicy PROVIDER = new RateLimitPolicy(500, 5000, Duration.ofSeconds(1), 0);
    public static final RateLimitPolicy TENANT = new RateLimitPolicy(500, 5000, Duration.ofSeconds(1), 0);
    public static final RateLimitPolicy RECIPIENT = new RateLimitPolicy(20, 20, Duration.ofHours(1), 0);

    private RateLimitDefaults() {
    }

    public static RateLimitPolicy of(BucketName.Kind kind) {
        return switch (kind) {
            case PROVIDER -> PROVIDER;
            case TENANT -> TENANT;
            case RECIPIENT -> RECIPIENT;
        };
    }
}
