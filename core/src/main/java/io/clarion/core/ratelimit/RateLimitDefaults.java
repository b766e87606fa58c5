package io.clarion.core.ratelimit;

import java.time.Duration;

/**
 * The default policy of each kind of bucket, in one place for the dispatcher (which applies them) and
 * the gateway (which reports them): 1000/s per provider account, 500/s per tenant and channel (both
 * with bursts of 100), and 20 per hour per recipient.
 */
public final class RateLimitDefaults {
    public static final String PROVIDER_ACCOUNT = "default";
    public static final RateLimitPolicy PROVIDER = new RateLimitPolicy(100, 1000, Duration.ofSeconds(1), 0);
    public static final RateLimitPolicy TENANT = new RateLimitPolicy(100, 500, Duration.ofSeconds(1), 0);
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
