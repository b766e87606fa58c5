package io.clarion.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.dispatcher.contact.ContactPoints;
import io.clarion.dispatcher.kafka.DeadLettersAccess;
import io.clarion.dispatcher.kafka.DeliveryRecordJson;
import io.clarion.dispatcher.kafka.FakeRecordStreams;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.retry.Retries;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import io.clarion.dispatcher.update.UpdateContents;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** Where each kind of outcome goes after the send, with the retry topic and the contact store stubbed. */
class FollowUpTest {
    private static final KafkaProperties KAFKA = new KafkaProperties("unused:9092", "b", "d", "r", "dlq", "n", 1,
            (short) 1, "g", Duration.ofMillis(200), 100, Map.of(), "du");
    private static final DeliveryProperties PROPERTIES = new DeliveryProperties(4, 10,
            Duration.ofMillis(100), Duration.ofSeconds(1), 4);
    private static final DeliveryJob JOB = new DeliveryJob("00000000-0000-0000-0000-000000000005", "INC-FU", 1, "r-1",
            Channel.SMS, new UpdateContent("SEV2", "identified", "t", "b"), "+15550100", null, "tenant");

    private final FakeRecordStreams streams = new FakeRecordStreams();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Retries retries = mock(Retries.class);
    private final ContactPoints contacts = mock(ContactPoints.class);
    private final FollowUp followUp = new FollowUp(retries, contacts, new DeliveryInput(streams,
            DeadLettersAccess.create(streams, KAFKA), JSON, new DeliveryRecordJson(JSON), KAFKA, mock(UpdateContents.class),
            PROPERTIES), PROPERTIES);

    @Test
    void aTransientFailureUsesAnAttemptAndADeferralDoesNot() {
        var failed = DeliveryOutcome.RetryLater.backoff("http 503");
        var deferred = DeliveryOutcome.RetryLater.deferred(Duration.ofMinutes(3), "recipient-rate-limited");
        when(retries.retryOrGiveUp(JOB, failed)).thenReturn(Mono.just(failed));
        when(retries.defer(JOB, deferred)).thenReturn(Mono.just(deferred));

        followUp.after(JOB, failed).as(StepVerifier::create).expectNext(failed).verifyComplete();
        followUp.after(JOB, deferred).as(StepVerifier::create).expectNext(deferred).verifyComplete();

        verify(retries).retryOrGiveUp(JOB, failed);
        verify(retries).defer(JOB, deferred);
    }

    @Test
    void anUndeliverableContactIsMarkedOnceTheDatabaseIsBack() {
        AtomicInteger attempts = new AtomicInteger();
        when(contacts.markUnusable(any(), anyString())).thenReturn(Mono.defer(() -> attempts.incrementAndGet() < 3
                ? Mono.error(new R2dbcTransientResourceException("connection reset")) : Mono.empty()));
        var undeliverable = new DeliveryOutcome.Undeliverable("twilio:21211");

        StepVerifier.withVirtualTime(() -> followUp.after(JOB, undeliverable))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(undeliverable)
                .verifyComplete();

        assertThat(attempts).hasValue(3);
    }

    @Test
    void anUnrecognizedAnswerIsParkedWithItAndCountsAsFailed() {
        var unrecognized = new DeliveryOutcome.Unrecognized("twilio:99999");

        followUp.after(JOB, unrecognized).as(StepVerifier::create).expectNext(unrecognized).verifyComplete();

        assertThat(streams.published(KAFKA.deadLetterTopic())).singleElement()
                .satisfies(parked -> assertThat(parked.headers().get("clarion-error")).contains("twilio:99999"));
        assertThat(unrecognized.counter()).isEqualTo("failed");
    }

    @Test
    void finalOutcomesPassThroughUntouched() {
        followUp.after(JOB, new DeliveryOutcome.Sent()).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Sent()).verifyComplete();

        verifyNoInteractions(retries, contacts);
        assertThat(streams.published(KAFKA.deadLetterTopic())).isEmpty();
    }
}
