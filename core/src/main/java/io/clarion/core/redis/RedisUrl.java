package io.clarion.core.redis;

import io.clarion.core.secret.Masked;

/** The one rule for {@code clarion.redis.url}, shared by the gateway and the dispatcher. */
public final class RedisUrl {
    private RedisUrl() {
    }

    /** {@code url} when it is {@code redis://...} or {@code rediss://...} (TLS); otherwise a refusal that masks the password. */
    public static String requireValid(String url) {
        if (url == null || !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw new IllegalArgumentException("clarion.redis.url: " + Masked.url(url)
                    + " (expected: redis://[:password@]host:port or rediss://... for TLS)");
        }
        return url;
    }
}
