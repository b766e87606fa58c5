package io.clarion.gateway.ratelimit;

import io.clarion.core.channel.Channel;
import io.clarion.core.ratelimit.BucketName;
import io.clarion.core.ratelimit.RateLimitDefaults;
import io.clarion.core.ratelimit.RateLimitPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How full the buckets that limit one tenant's deliveries are right now: its own bucket per channel and the
 * provider account's per channel (shared by every tenant; only its fill is shown). A bucket is {@code throttled}
 * when less than a tenth of its capacity is left: deliveries then wait for tokens. Read from the same Redis buckets
 * the dispatchers take tokens from, under the policies in force (set by an operator, or the defaults).
 */
@Component
public class BucketLevels {
    private final RateLimitStore store;
    private final BucketFill fill;

    BucketLevels(RateLimitStore store, BucketFill fill) {
        this.store = store;
        this.fill = fill;
    }

    /** One bucket's level. */
    public record Level(String bucket, String kind, long capacity, long available, double perSecond, boolean throttled) {
    }

    public Mono<List<Level>> of(String tenant) {
        return store.all().flatMap(overrides -> Flux.fromIterable(names(tenant))
                .concatMap(bucket -> level(bucket, overrides))
                .collectList());
    }

    private static List<String> names(String tenant) {
        List<String> names = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            names.add(BucketName.tenant(tenant, channel));
            names.add(BucketName.provider(channel, RateLimitDefaults.PROVIDER_ACCOUNT));
        }
        return names;
    }

    private Mono<Level> level(String bucket, Map<String, RateLimitPolicy> overrides) {
        BucketName.Kind kind = BucketName.kindOf(bucket).orElseThrow();
        RateLimitPolicy policy = overrides.getOrDefault(bucket, RateLimitDefaults.of(kind));
        return fill.available(bucket, policy).map(available -> new Level(bucket, kind.name().toLowerCase(java.util.Locale.ROOT),
                policy.capacity(), available, policy.perSecond(), available * 10 < policy.capacity()));
    }
}
