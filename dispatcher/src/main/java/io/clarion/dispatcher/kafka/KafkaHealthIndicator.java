package io.clarion.dispatcher.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Health {@code kafka} (part of the readiness group): up when a broker of {@code clarion.kafka.bootstrap-servers}
 * describes the cluster within {@link #TIMEOUT}, down otherwise. One admin client is kept for the life of
 * the application, so a probe costs one request, not a new connection.
 */
@Component
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {
    /** Below Kubernetes' default probe timeout of 1 s would flap on a busy broker; above 5 s a probe hangs. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;

    KafkaHealthIndicator(KafkaProperties properties) {
        super("kafka unreachable");
        this.admin = Admin.create(adminConfig(properties));
    }

    static Map<String, Object> adminConfig(KafkaProperties properties) {
        return properties.clientConfig(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        Mono<String> clusterId = Mono.fromFuture(() -> cluster.clusterId().toCompletionStage().toCompletableFuture());
        Mono<Integer> nodes = Mono.fromFuture(() -> cluster.nodes().toCompletionStage().toCompletableFuture())
                .map(Collection::size);
        return Mono.zip(clusterId, nodes)
                .timeout(TIMEOUT)
                .map(described -> builder.up().withDetail("clusterId", described.getT1())
                        .withDetail("nodes", described.getT2()).build());
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
