package io.clarion.dispatcher;

import io.clarion.dispatcher.delivery.DeliveryPipeline;
import io.clarion.dispatcher.delivery.DeliveryProperties;
import io.clarion.dispatcher.expansion.BroadcastExpansion;
import io.clarion.dispatcher.expansion.ExpansionProperties;
import io.clarion.dispatcher.kafka.TopicProvisioner;
import io.clarion.dispatcher.notice.NoticeRelay;
import io.clarion.dispatcher.retry.RetryRelay;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Runs the dispatcher's four consumers (expansion, delivery, retry relay, notices) for the life of the application: creates the topics, then
 * subscribes expansion and delivery. A consumer that fails (Kafka unreachable, a bug) is logged and
 * resubscribed with backoff; it resumes from the last committed offsets, so nothing is lost.
 * <p>
 * Graceful stop (SIGTERM): both consumers stop taking records, finish what is in flight (deliveries
 * are sent, settled and recorded), then complete; only then does the application go on shutting
 * down. Records finished after their consumer closed may not have their offsets committed; they come
 * back to another dispatcher, whose claim replays the settled outcome: nothing is lost or sent twice.
 * What still runs after {@code clarion.delivery.shutdown-grace} is cancelled (its claims expire
 * after the lease and another dispatcher takes over).
 * This is the one place the dispatcher subscribes: the pipelines themselves are plain publishers.
 */
@Component
class Pipelines implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

    private final TopicProvisioner topics;
    private final BroadcastExpansion expansion;
    private final DeliveryPipeline delivery;
    private final RetryRelay retries;
    private final NoticeRelay notices;
    private final ExpansionProperties expansionProperties;
    private final DeliveryProperties deliveryProperties;
    private volatile Sinks.Empty<Void> stopRequest;
    private volatile Mono<Void> finished;
    private volatile Disposable running;

    Pipelines(TopicProvisioner topics, BroadcastExpansion expansion, DeliveryPipeline delivery, RetryRelay retries,
              NoticeRelay notices, ExpansionProperties expansionProperties, DeliveryProperties deliveryProperties) {
        this.topics = topics;
        this.expansion = expansion;
        this.delivery = delivery;
        this.retries = retries;
        this.notices = notices;
        this.expansionProperties = expansionProperties;
        this.deliveryProperties = deliveryProperties;
    }

    @Override
    public void start() {
        Sinks.Empty<Void> stop = Sinks.empty();
        Sinks.Empty<Void> done = Sinks.empty();
        Mono<Void> stopSignal = stop.asMono();
        stopRequest = stop;
        finished = done.asMono();
        running = Flux.merge(
                        supervise("expansion", () -> expansion.run(expansionProperties.concurrency(), stopSignal)),
                        supervise("delivery", () -> delivery.run(stopSignal)),
                        supervise("retry", () -> retries.run(stopSignal)),
                        supervise("notices", () -> notices.run(stopSignal)))
                .doFinally(signal -> done.tryEmitEmpty())
                .subscribe();
    }

    private Flux<Void> supervise(String name, Supplier<Flux<Void>> pipeline) {
        return Flux.defer(() -> topics.ensureTopics().thenMany(pipeline.get()))
                .doOnError(e -> log.error("{} pipeline failed; restarting it", name, e))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(10)));
    }

    /** Asks both consumers to finish, and calls back once they have or the grace period is over. */
    @Override
    public void stop(Runnable callback) {
        Disposable current = running;
        if (current == null || current.isDisposed()) {
            callback.run();
            return;
        }
        log.info("stopping: taking no new records, finishing those in flight");
        stopRequest.tryEmitEmpty();
        finished.timeout(deliveryProperties.shutdownGrace())
                .doOnError(e -> log.warn("deliveries still in flight after {}; cancelling them (their claims expire "
                        + "after the lease)", deliveryProperties.shutdownGrace()))
                .onErrorComplete()
                .doFinally(signal -> {
                    current.dispose();
                    log.info("stopped");
                    callback.run();
                })
                .subscribe();
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
