package io.clarion.dispatcher.ratelimit;

import io.clarion.core.ratelimit.RateLimitDefaults;
import io.clarion.core.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits: the default policy of each kind of bucket (a bucket with a policy set through the
 * admin API uses that one instead), and how the limits behave.
 *
 * @param enabled           false turns every limit off (for benchmarks that compare)
 * @param providerAccount   the provider account name in {@code provider:<channel>:<account>}
 * @param provider          default per provider account ({@link RateLimitDefaults#PROVIDER}; their defaults are in
 *                          {@code META-INF/additional-spring-configuration-metadata.json} for the settings reference)
 * @param tenant            default per tenant and channel ({@link RateLimitDefaults#TENANT})
 * @param recipient         default per recipient across incidents, anti-fatigue ({@link RateLimitDefaults#RECIPIENT})
 * @param recipientBypass   severities that skip the recipient limit
 * @param recipientMaxWait  how long a delivery waits in line for a recipient token; past it the delivery
 *                          is deferred through the retry topic ({@code recipient-rate-limited}, no attempt
 *                          used) until the recipient's bucket has a token again, so it does not hold its
 *                          partition; a newer version of the incident that arrives meanwhile supersedes it
 * @param refreshInterval   how often policies set through the admin API are re-read
 */
@ConfigurationProperties("clarion.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue(RateLimitDefaults.PROVIDER_ACCOUNT) String providerAccount,
                                  Limit provider, Limit tenant, Limit recipient,
                                  @DefaultValue("SEV1") List<String> recipientBypass,
                                  @DefaultValue("30s") Duration recipientMaxWait,
                                  @DefaultValue("1s") Duration refreshInterval) {

    /**
     * A policy in configuration: {@code capacity} tokens, {@code refill} of them every {@code period}.
     *
     * @param capacity tokens the bucket holds: the burst taken at once
     * @param refill   tokens added every period: the sustained rate
     * @param period   the refill period
     */
    public record Limit(long capacity, long refill, Duration period) {
        RateLimitPolicy toPolicy() {
            return new RateLimitPolicy(capacity, refill, period, 0);
        }

        static Limit of(RateLimitPolicy policy) {
            return new Limit(policy.capacity(), policy.refillTokens(), policy.refillPeriod());
        }
    }

    public RateLimitProperties {
        provider = provider == null ? Limit.of(RateLimitDefaults.PROVIDER) : provider;
        tenant = tenant == null ? Limit.of(RateLimitDefaults.TENANT) : tenant;
        recipient = recipient == null ? Limit.of(RateLimitDefaults.RECIPIENT) : recipient;
        recipientBypass = List.copyOf(recipientBypass);
        provider.toPolicy();
        tenant.toPolicy();
        recipient.toPolicy();
    }
}
