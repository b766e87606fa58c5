package io.clarion.gateway.broadcast;

import io.clarion.core.channel.Channel;
import io.clarion.core.ratelimit.BucketName;
import io.clarion.core.ratelimit.RateLimitDefaults;
import io.clarion.core.ratelimit.RateLimitPolicy;
import io.clarion.gateway.ratelimit.RateLimitStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How long sending takes at the current rate limits: per channel, the slower of the provider account's and
 * the tenant's bucket (a full bucket's burst first, then its refill rate). A lower bound: retries, open
 * circuits and per-recipient limits only add to it.
 */
@Component
class DeliveryEstimate {
    private final RateLimitStore rateLimits;

    DeliveryEstimate(RateLimitStore rateLimits) {
        this.rateLimits = rateLimits;
    }

    /** Seconds per channel (rounded up to a tenth) to send {@code messages} per channel. */
    Mono<Map<String, Double>> seconds(String tenant, Map<String, Long> messages) {
        List<Channel> channels = messages.keySet().stream().map(name -> Channel.parse(name).orElseThrow()).toList();
        List<String> buckets = channels.stream()
                .flatMap(c -> java.util.stream.Stream.of(provider(c), BucketName.tenant(tenant, c))).toList();
        return rateLimits.policies(buckets).map(policies -> {
            Map<String, Double> seconds = new LinkedHashMap<>();
            for (Channel channel : channels) {
                long n = messages.get(channel.wireName());
                double slowest = Math.max(
                        seconds(n, policies.getOrDefault(provider(channel), RateLimitDefaults.PROVIDER)),
                        seconds(n, policies.getOrDefault(BucketName.tenant(tenant, channel), RateLimitDefaults.TENANT)));
                seconds.put(channel.wireName(), Math.ceil(slowest * 10) / 10);
            }
            return seconds;
        });
    }

    static double seconds(long messages, RateLimitPolicy policy) {
        return Math.max(0, messages - policy.capacity()) / policy.perSecond();
    }

    private static String provider(Channel channel) {
        return BucketName.provider(channel, RateLimitDefaults.PROVIDER_ACCOUNT);
    }
}
