package io.clarion.dispatcher.retry;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.retry.RetrySchedule;
import io.clarion.dispatcher.kafka.DeadLetters;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.RecordStreams;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a delivery goes after a transient failure: back to the retry topic with a due time (the provider's
 * Retry-After or the channel's schedule), or, out of attempts, to the dead-letter topic with the last
 * error. No delivery waits by holding a Kafka partition: the delivery's own record is acknowledged once
 * its retry record is durable, and {@link RetryRelay} brings it back when due.
 * <p>
 * {@code clarion.delivery.retries{channel,result}} counts {@code scheduled}, {@code deferred} (circuit open or
 * recipient limit, no attempt used) and {@code exhausted}.
 */
@Component
public class Retries {
    private final RecordStreams streams;
    private final DeadLetters deadLetters;
    private final KafkaProperties kafka;
    private final Map<Channel, RetrySchedule> schedules = new EnumMap<>(Channel.class);
    private final JsonMapper json;
    private final MeterRegistry metrics;
    private final Clock clock;

    Retries(RecordStreams streams, DeadLetters deadLetters, KafkaProperties kafka, RetryProperties properties,
            JsonMapper json, MeterRegistry metrics, Clock clock) {
        this.clock = clock;
        this.streams = streams;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        Arrays.stream(Channel.values()).forEach(channel -> schedules.put(channel, properties.schedule(channel)));
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Schedules the next attempt and completes with {@code later} (not final: nothing to record yet), or
     * dead-letters the delivery and completes with the final {@code Failed("retries-exhausted: ...")}.
     */
    public Mono<DeliveryOutcome> retryOrGiveUp(DeliveryJob job, DeliveryOutcome.RetryLater later) {
        return schedules.get(job.channel())
                .delayAfter(job.attempt(), later.after(), ThreadLocalRandom.current()::nextDouble)
                .map(delay -> schedule(job.nextAttempt(), delay, later, "scheduled"))
                .orElseGet(() -> giveUp(job, later));
    }

    /**
     * Defers a delivery until {@code later.after()} without using an attempt: its provider's circuit is open,
     * or its recipient has had all the messages it may get for now.
     */
    public Mono<DeliveryOutcome> defer(DeliveryJob job, DeliveryOutcome.RetryLater later) {
        return schedule(job, later.after(), later, "deferred");
    }

    private Mono<DeliveryOutcome> schedule(DeliveryJob job, Duration delay, DeliveryOutcome.RetryLater later,
                                           String result) {
        RetryRecord retry = new RetryRecord(job, clock.instant().plus(delay), later.reason());
        return streams.publish(kafka.retryTopic(), job.recipientKey(), json.writeValueAsString(retry), Map.of())
                .then(Mono.fromSupplier(() -> counted(job, result, later)));
    }

    private Mono<DeliveryOutcome> giveUp(DeliveryJob job, DeliveryOutcome.RetryLater later) {
        String error = "retries-exhausted after " + job.attempt() + " attempts: " + later.reason();
        return deadLetters.park(job.recipientKey(), json.writeValueAsString(job), kafka.deliveriesTopic(), error)
                .then(Mono.fromSupplier(() -> counted(job, "exhausted", new DeliveryOutcome.Failed(error))));
    }

    private DeliveryOutcome counted(DeliveryJob job, String result, DeliveryOutcome outcome) {
        metrics.counter("clarion.delivery.retries", "channel", job.channel().wireName(), "result", result).increment();
        return outcome;
    }
}
