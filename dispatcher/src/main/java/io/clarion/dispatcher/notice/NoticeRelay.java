package io.clarion.dispatcher.notice;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.notice.Notice;
import io.clarion.dispatcher.channel.email.NoticeMailer;
import io.clarion.dispatcher.kafka.DeadLetters;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.kafka.RecordStreams;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends notices ({@code clarion.notices}: a subscriber's confirmation request) through the email channel:
 * {@code read → send (retrying a transient answer with backoff) → acknowledge}. At least once: a record is
 * acknowledged only once SES accepted its email or it was parked in the dead-letter topic (unreadable, refused for
 * good, still failing after {@link #ATTEMPTS} attempts, or no email channel configured). A redelivered notice
 * is sent again with the same Message-ID, so a receiver can drop the duplicate.
 */
@Component
public class NoticeRelay {
    static final int ATTEMPTS = 5;
    private static final int CONCURRENCY = 16;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final RecordStreams streams;
    private final DeadLetters deadLetters;
    private final KafkaProperties kafka;
    private final JsonMapper json;
    private final ObjectProvider<NoticeMailer> mailer;

    NoticeRelay(RecordStreams streams, DeadLetters deadLetters, KafkaProperties kafka, JsonMapper json,
                ObjectProvider<NoticeMailer> mailer) {
        this.streams = streams;
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.json = json;
        this.mailer = mailer;
    }

    /** Sends notices until {@code stop} emits or completes, then finishes those in flight. */
    public Flux<Void> run(Mono<Void> stop) {
        return streams.consume(kafka.noticesTopic(), kafka.groupId() + ".notices")
                .takeUntilOther(stop.then(Mono.just(true)))
                .flatMap(record -> sendOrPark(record).then(Mono.fromRunnable(record::acknowledge)), CONCURRENCY)
                .thenMany(Flux.empty());
    }

    private Mono<Void> sendOrPark(InboundRecord record) {
        Notice notice;
        try {
            notice = json.readValue(record.value(), Notice.class);
        } catch (RuntimeException unreadable) {
            return deadLetters.park(record, kafka.noticesTopic(), unreadable);
        }
        NoticeMailer email = mailer.getIfAvailable();
        if (email == null) {
            return park(record, "channel-not-configured: email");
        }
        return sendRetryingTransient(email, notice)
                .flatMap(outcome -> outcome instanceof DeliveryOutcome.Sent ? Mono.<Void>empty()
                        : park(record, outcome.toString()));
    }

    private static Mono<DeliveryOutcome> sendRetryingTransient(NoticeMailer email, Notice notice) {
        return Mono.defer(() -> email.send(notice))
                .flatMap(outcome -> outcome instanceof DeliveryOutcome.RetryLater retry
                        ? Mono.<DeliveryOutcome>error(new Transient(retry)) : Mono.just(outcome))
                .retryWhen(Retry.backoff(ATTEMPTS - 1, FIRST_BACKOFF).filter(Transient.class::isInstance))
                .onErrorResume(e -> e.getCause() instanceof Transient, e -> Mono.just(((Transient) e.getCause()).outcome));
    }

    private Mono<Void> park(InboundRecord record, String error) {
        return deadLetters.park(record.key(), record.value(), kafka.noticesTopic(), error);
    }

    /** A transient answer, carried through the retry operator. */
    private static final class Transient extends RuntimeException {
        private final DeliveryOutcome.RetryLater outcome;

        Transient(DeliveryOutcome.RetryLater outcome) {
            super(outcome.reason(), null, false, false);
            this.outcome = outcome;
        }
    }
}
