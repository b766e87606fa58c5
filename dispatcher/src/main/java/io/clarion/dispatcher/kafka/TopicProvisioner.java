package io.clarion.dispatcher.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Creates the dispatcher's topics at start when they are missing, with the configured partitions. */
@Component
public class TopicProvisioner {
    private final KafkaProperties properties;

    TopicProvisioner(KafkaProperties properties) {
        this.properties = properties;
    }

    /** Completes when every topic exists; existing topics are left as they are. */
    public Mono<Void> ensureTopics() {
        return Mono.using(this::admin, this::createMissing, Admin::close);
    }

    private Admin admin() {
        return Admin.create(adminConfig(properties));
    }

    static Map<String, Object> adminConfig(KafkaProperties properties) {
        return properties.clientConfig(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers()));
    }

    private Mono<Void> createMissing(Admin admin) {
        return Mono.fromFuture(() -> toCompletable(admin.listTopics().names()))
                .flatMap(existing -> create(admin, missing(existing)));
    }

    private List<NewTopic> missing(Set<String> existing) {
        return List.of(properties.broadcastsTopic(), properties.deliveriesTopic(), properties.urgentDeliveriesTopic(),
                properties.retryTopic(), properties.deadLetterTopic(), properties.noticesTopic())
                .stream().filter(topic -> !existing.contains(topic))
                .map(topic -> new NewTopic(topic, properties.partitions(), properties.replicationFactor()))
                .toList();
    }

    private static Mono<Void> create(Admin admin, List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromFuture(() -> toCompletable(admin.createTopics(topics).all()))
                .onErrorResume(e -> e instanceof TopicExistsException || e.getCause() instanceof TopicExistsException,
                        raced -> Mono.empty())
                .then();
    }

    private static <T> CompletableFuture<T> toCompletable(org.apache.kafka.common.KafkaFuture<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }
}
