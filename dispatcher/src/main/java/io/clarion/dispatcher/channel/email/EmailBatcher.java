package io.clarion.dispatcher.channel.email;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.delivery.UpdateContent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * Turns concurrent deliveries of the same content into one bulk call. A delivery waits at most {@code window} for
 * others; every {@code bulkSize} waiting deliveries, or when the window closes, the waiting ones are split by
 * content (broadcast, incident, version, update content) and each group is sent in one call, or alone when it is
 * a group of one. Each caller gets its own entry's outcome.
 * <p>Bounded: at most {@code bulkSize * maxConcurrency} deliveries wait and at most {@code maxConcurrency} batches
 * are in flight; a delivery that finds the queue full is sent alone at once (the HTTP client's connection limit
 * still bounds it), never dropped. Non-blocking: the queue is offered to under a lock held for one offer only.
 * Cancellation-safe: a caller that cancels before its batch leaves is not sent; one that cancels later cannot
 * unsend it, and never cancels the call for the others.
 */
final class EmailBatcher implements AutoCloseable {
    private final Function<DeliveryJob, Mono<DeliveryOutcome>> sendOne;
    private final Function<List<DeliveryJob>, Mono<List<DeliveryOutcome>>> sendMany;
    private final Sinks.Many<Pending> queue;
    private final Disposable pipeline;

    EmailBatcher(int bulkSize, Duration window, int maxConcurrency,
                 Function<DeliveryJob, Mono<DeliveryOutcome>> sendOne,
                 Function<List<DeliveryJob>, Mono<List<DeliveryOutcome>>> sendMany) {
        this.sendOne = requireNonNull(sendOne, "sendOne");
        this.sendMany = requireNonNull(sendMany, "sendMany");
        this.queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<Pending>get(bulkSize * maxConcurrency).get());
        // The batcher's one long-lived subscription; close() disposes it.
        this.pipeline = queue.asFlux()
                .bufferTimeout(bulkSize, window, true)
                .flatMap(batch -> sendBatch(batch).subscribeOn(Schedulers.parallel()), maxConcurrency)
                .subscribe();
    }

    Mono<DeliveryOutcome> submit(DeliveryJob job) {
        return Mono.using(() -> new Pending(job), this::enqueueOrSendAlone, Pending::leave);
    }

    private Mono<DeliveryOutcome> enqueueOrSendAlone(Pending pending) {
        return offer(pending) ? pending.outcome() : sendOne.apply(pending.job());
    }

    private boolean offer(Pending pending) {
        synchronized (queue) {
            return queue.tryEmitNext(pending).isSuccess();
        }
    }

    private Mono<Void> sendBatch(List<Pending> batch) {
        Map<ContentKey, List<Pending>> groups = batch.stream()
                .filter(Pending::waiting)
                .collect(groupingBy(Pending::key, LinkedHashMap::new, toList()));
        return Flux.fromIterable(groups.values()).flatMap(this::sendGroup).then();
    }

    private Mono<Void> sendGroup(List<Pending> group) {
        List<DeliveryJob> jobs = group.stream().map(Pending::job).toList();
        return Mono.defer(() -> send(jobs))
                .flatMap(answers -> Mono.fromRunnable(() -> complete(group, answers)))
                .onErrorResume(error -> Mono.fromRunnable(() -> fail(group, error)))
                .then();
    }

    private Mono<List<DeliveryOutcome>> send(List<DeliveryJob> jobs) {
        return jobs.size() == 1 ? sendOne.apply(jobs.get(0)).map(List::of) : sendMany.apply(jobs);
    }

    private static void complete(List<Pending> group, List<DeliveryOutcome> outcomes) {
        for (int i = 0; i < group.size(); i++) {
            group.get(i).answer(i < outcomes.size()
                    ? outcomes.get(i) : new DeliveryOutcome.Unrecognized("ses:missing-entry-result"));
        }
    }

    /** Only bugs get here (senders answer provider errors as outcomes): every caller sees the error. */
    private static void fail(List<Pending> group, Throwable error) {
        group.forEach(pending -> pending.result.tryEmitError(error));
    }

    /**
     * Stops batching. Deliveries still waiting get no answer from here; the pipeline's hard timeout answers them,
     * so close only after the pipeline has drained (Spring closes senders after the consumers).
     */
    @Override
    public void close() {
        pipeline.dispose();
    }

    /** Deliveries that may share one bulk call: the same rendered content. */
    record ContentKey(String broadcastId, String incidentId, int version, UpdateContent content,
                      RenderedMessage message) {
    }

    /** One caller waiting for its outcome. */
    private static final class Pending {
        private final DeliveryJob job;
        private final ContentKey key;
        private final Sinks.One<DeliveryOutcome> result = Sinks.one();
        private volatile boolean left;

        Pending(DeliveryJob job) {
            this.job = job;
            this.key = new ContentKey(job.broadcastId(), job.incidentId(), job.version(), job.content(),
                    job.message());
        }

        DeliveryJob job() {
            return job;
        }

        ContentKey key() {
            return key;
        }

        boolean waiting() {
            return !left;
        }

        void leave() {
            left = true;
        }

        Mono<DeliveryOutcome> outcome() {
            return result.asMono();
        }

        void answer(DeliveryOutcome outcome) {
            result.tryEmitValue(outcome);
        }
    }
}
