package io.clarion.dispatcher.redis;

import io.clarion.core.redis.RedisUrl;
import io.clarion.core.secret.Masked;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis connection of the dispatcher, and how its deliveries' Redis work is batched.
 *
 * @param url            {@code redis://host:port[/db]}, {@code redis://:password@host:port}, or {@code rediss://...}
 *                       for TLS (the certificate is verified); the password is masked in {@link #toString()}, and a
 *                       refused one fails the start naming Redis's answer
 * @param keyPrefix      prefix of every key Clarion writes (lets several deployments or tests share a Redis)
 * @param commandTimeout a command not answered in this time fails, and the delivery waits and retries
 * @param batchLinger    how long a delivery's claim, settlement or recipient permit waits for others to share its
 *                       Redis call; a batch that fills up goes at once. Adds at most this to each of those steps
 * @param batchSize      most deliveries in one batched Redis call
 * @param keyShards      how many hash slots a dispatcher's delivery keys (claims, lanes, recipient buckets) are
 *                       spread over: a batched call holds one shard's keys, so it runs on Redis Cluster. 1 suits one
 *                       Redis (largest batches); on a cluster, a few per primary spreads the load. Changing it
 *                       renames those keys: change it with no broadcast under way
 */
@ConfigurationProperties("clarion.redis")
public record RedisProperties(@DefaultValue("redis://127.0.0.1:6379") String url,
                              @DefaultValue("clarion:") String keyPrefix,
                              @DefaultValue("2s") Duration commandTimeout,
                              @DefaultValue("5ms") Duration batchLinger,
                              @DefaultValue("256") int batchSize,
                              @DefaultValue("1") int keyShards) {
    private static final Duration DEFAULT_BATCH_LINGER = Duration.ofMillis(5);
    private static final int DEFAULT_BATCH_SIZE = 256;

    @ConstructorBinding
    public RedisProperties {
        RedisUrl.requireValid(url);
        if (batchLinger.isNegative()) {
            throw new IllegalArgumentException("clarion.redis.batch-linger: " + batchLinger + " (expected: >= 0)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("clarion.redis.batch-size: " + batchSize + " (expected: > 0)");
        }
        if (keyShards < 1) {
            throw new IllegalArgumentException("clarion.redis.key-shards: " + keyShards + " (expected: > 0)");
        }
    }

    /** The default batching over one key shard. */
    public RedisProperties(String url, String keyPrefix, Duration commandTimeout) {
        this(url, keyPrefix, commandTimeout, DEFAULT_BATCH_LINGER, DEFAULT_BATCH_SIZE, 1);
    }

    /** The key shard of a recipient: the same on every dispatcher (one shard: no hash to compute). */
    public int keyShard(String recipientKey) {
        return keyShards == 1 ? 0 : Math.floorMod(recipientKey.hashCode(), keyShards);
    }

    /** {@code <prefix>{s<shard>}:<recipientKey>}: the start of every delivery key of the recipient. */
    public String shardedKey(String recipientKey) {
        return keyPrefix + "{s" + keyShard(recipientKey) + "}:" + recipientKey;
    }

    @Override
    public String toString() {
        return "RedisProperties[url=" + Masked.url(url) + ", keyPrefix=" + keyPrefix + ", commandTimeout="
                + commandTimeout + ", batchLinger=" + batchLinger + ", batchSize=" + batchSize + ", keyShards="
                + keyShards + "]";
    }
}
