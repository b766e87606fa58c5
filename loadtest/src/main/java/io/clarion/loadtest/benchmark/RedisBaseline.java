package io.clarion.loadtest.benchmark;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.dispatcher.claim.DeliveryClaims;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * B_redis: per delivery, Clarion's claim (the real {@link DeliveryClaims} bean of the running
 * dispatcher, so the real Lua script, keys and lease) and then a bucket4j token-bucket check (lettuce,
 * its async CAS-based proxy manager, one bucket per recipient), {@value #CONCURRENCY} deliveries in
 * flight, all pipelined on one connection each. Claims go to a separate incident, so they touch none
 * of the end-to-end run's keys.
 */
final class RedisBaseline {
    private static final int CONCURRENCY = 256;
    private static final String INCIDENT = "BASELINE-REDIS";
    private static final BucketConfiguration PER_RECIPIENT = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(10).refillGreedy(10, Duration.ofMinutes(1))).build();

    private RedisBaseline() {
    }

    static Measurement run(DeliveryClaims claims, String redisUri, String keyPrefix, int deliveries) {
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, byte[]> connection =
                     client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            AsyncProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection).build().asAsync();
            IntFunction<Mono<Boolean>> bucketCheck = i -> Mono.fromFuture(() -> tryConsume(buckets, keyPrefix, i));
            return measure(claims, bucketCheck, deliveries);
        } finally {
            client.shutdown();
        }
    }

    private static Measurement measure(DeliveryClaims claims, IntFunction<Mono<Boolean>> bucketCheck, int deliveries) {
        Latencies latencies = new Latencies(deliveries);
        Usage usage = Usage.start();
        Long done = Flux.range(0, deliveries)
                .flatMap(i -> claimThenCheck(claims, bucketCheck, i, latencies), CONCURRENCY)
                .count().block();
        return usage.measure("B_redis (claim script + token bucket)", done == null ? 0 : done, usage.elapsedSeconds(),
                latencies.recorded());
    }

    private static Mono<Boolean> claimThenCheck(DeliveryClaims claims, IntFunction<Mono<Boolean>> bucketCheck, int i,
                                                Latencies latencies) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return claims.claim(job(i)).then(bucketCheck.apply(i)).map(allowed -> {
                latencies.record(start);
                return allowed;
            });
        });
    }

    private static CompletableFuture<Boolean> tryConsume(AsyncProxyManager<String> buckets, String keyPrefix, int i) {
        return buckets.builder()
                .build(keyPrefix + "baseline:bucket:{baseline-" + i + "}", () -> CompletableFuture.completedFuture(PER_RECIPIENT))
                .tryConsume(1);
    }

    private static DeliveryJob job(int i) {
        return new DeliveryJob("00000000-0000-0000-0000-0000000000b1", INCIDENT, 1, "baseline-" + i, Channel.WEBHOOK,
                new UpdateContent("SEV1", "identified", "Benchmark", "Redis baseline"),
                "http://127.0.0.1:1/webhooks/baseline-" + i, "secret", null);
    }
}
