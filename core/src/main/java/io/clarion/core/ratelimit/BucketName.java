package io.clarion.core.ratelimit;

import io.clarion.core.channel.Channel;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of Clarion's rate-limit buckets, one per limit that applies to a delivery:
 * {@code provider:<channel>:<account>} (a provider account, e.g. {@code provider:email:default}),
 * {@code tenant:<tenant id>:<channel>} (what one tenant may send on one channel), and
 * {@code recipient} (the anti-fatigue policy every recipient gets a bucket of:
 * {@code recipient:<tenant>/<id>}).
 */
public final class BucketName {
    public static final String RECIPIENT_POLICY = "recipient";
    private static final String PART = "[A-Za-z0-9._-]{1,128}";
    private static final Pattern PROVIDER = Pattern.compile("provider:(" + PART + "):(" + PART + ")");
    private static final Pattern TENANT = Pattern.compile("tenant:(" + PART + "):(" + PART + ")");

    /** The kinds of buckets, each with its own default policy. */
    public enum Kind { PROVIDER, TENANT, RECIPIENT }

    private BucketName() {
    }

    public static String provider(Channel channel, String account) {
        return "provider:" + channel.wireName() + ":" + account;
    }

    public static String tenant(String tenant, Channel channel) {
        return "tenant:" + tenant + ":" + channel.wireName();
    }

    public static String recipient(String recipientId) {
        return RECIPIENT_POLICY + ":" + recipientId;
    }

    /**
     * The Redis key of a bucket under a policy. The policy is part of the key, so a changed policy
     * is a fresh bucket at once on every dispatcher, with no configuration replacement to race.
     */
    public static String redisKey(String prefix, String bucket, RateLimitPolicy policy) {
        return prefix + "rl:" + bucket + ":" + policy.capacity() + "-" + policy.refillTokens() + "-"
                + policy.refillPeriod().toMillis();
    }

    /** The kind of a bucket whose policy can be set, or empty when the name is not one of ours. */
    public static Optional<Kind> kindOf(String name) {
        if (RECIPIENT_POLICY.equals(name)) {
            return Optional.of(Kind.RECIPIENT);
        }
        Matcher provider = PROVIDER.matcher(name);
        if (provider.matches() && Channel.parse(provider.group(1)).isPresent()) {
            return Optional.of(Kind.PROVIDER);
        }
        Matcher tenant = TENANT.matcher(name);
        if (tenant.matches() && Channel.parse(tenant.group(2)).isPresent()) {
            return Optional.of(Kind.TENANT);
        }
        return Optional.empty();
    }
}
