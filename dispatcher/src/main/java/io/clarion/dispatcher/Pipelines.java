package io.clarion.dispatcher;

import io.clarion.dispatcher.delivery.DeliveryPipeline;
import io.clarion.dispatcher.expansion.BroadcastExpansion;
import io.clarion.dispatcher.expansion.ExpansionProperties;
import io.clarion.dispatcher.kafka.TopicProvisioner;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * Runs the dispatcher's two consumers for the life of the application: creates the topics, then
 * subscribes expansion and delivery. A consumer that fails (Kafka unreachable, a bug) is logged and
 * resubscribed with backoff; it resumes from the last committed offsets, so nothing is lost.
 * This is the one place the dispatcher subscribes: the pipelines themselves are plain publishers.
 */
@Component
class Pipelines implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

    private final TopicProvisioner topics;
    private final BroadcastExpansion expansion;
    private final DeliveryPipeline delivery;
    private final ExpansionProperties expansionProperties;
    private volatile Disposable.Composite running;

    Pipelines(TopicProvisioner topics, BroadcastExpansion expansion, DeliveryPipeline delivery,
              ExpansionProperties expansionProperties) {
        this.topics = topics;
        this.expansion = expansion;
        this.delivery = delivery;
        this.expansionProperties = expansionProperties;
    }

    @Override
    public void start() {
        Disposable.Composite composite = Disposables.composite();
        composite.add(supervise("expansion", expansion.run(expansionProperties.concurrency())));
        composite.add(supervise("delivery", delivery.run()));
        running = composite;
    }

    private Disposable supervise(String name, Flux<Void> pipeline) {
        return topics.ensureTopics()
                .thenMany(pipeline)
                .doOnError(e -> log.error("{} pipeline failed; restarting it", name, e))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable.Composite current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
