package io.clarion.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryRecord;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.dispatcher.breaker.BreakerProperties;
import io.clarion.dispatcher.breaker.ProviderBreakersAccess;
import io.clarion.dispatcher.channel.ChannelSender;
import io.clarion.dispatcher.channel.ChannelSendersAccess;
import io.clarion.dispatcher.claim.Claim;
import io.clarion.dispatcher.claim.DeliveryClaims;
import io.clarion.dispatcher.contact.ContactPoints;
import io.clarion.dispatcher.kafka.DeadLettersAccess;
import io.clarion.dispatcher.kafka.DeliveryRecordJson;
import io.clarion.dispatcher.kafka.FakeRecordStreams;
import io.clarion.dispatcher.kafka.InboundRecord;
import io.clarion.dispatcher.kafka.KafkaProperties;
import io.clarion.dispatcher.blackout.BlackoutHold;
import io.clarion.dispatcher.ledger.DeferralLedger;
import io.clarion.dispatcher.ledger.DeliveryLedger;
import io.clarion.dispatcher.ratelimit.Permit;
import io.clarion.dispatcher.ratelimit.RateLimiter;
import io.clarion.core.redaction.Redactor;
import io.clarion.dispatcher.redaction.RedactionProperties;
import io.clarion.dispatcher.redaction.TenantRedaction;
import io.clarion.dispatcher.template.TemplateRendering;
import io.clarion.dispatcher.update.UpdateContents;
import io.clarion.dispatcher.retry.Retries;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** The delivery pipeline's orchestration over a fake topic, with claims, limiter and ledger stubbed. */
class DeliveryPipelineTest {
    private static final KafkaProperties KAFKA = new KafkaProperties("unused:9092", "b", "d", "r", "dlq", "n", 1,
            (short) 1, "g", Duration.ofMillis(200), 100, Map.of(), "du");
    private static final DeliveryProperties PROPERTIES = new DeliveryProperties(4, 10,
            Duration.ofMillis(10), Duration.ofSeconds(1), 8);

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeRecordStreams streams = new FakeRecordStreams();
    private final DeliveryClaims claims = mock(DeliveryClaims.class);
    private final UpdateContents updates = mock(UpdateContents.class);
    private final RateLimiter limiter = mock(RateLimiter.class);
    private final DeliveryLedger ledger = mock(DeliveryLedger.class);
    private final DeferralLedger deferrals = mock(DeferralLedger.class);
    private final BlackoutHold blackouts = mock(BlackoutHold.class);
    private final List<DeferralLedger.Deferral> deferred = new CopyOnWriteArrayList<>();
    private final Retries retries = mock(Retries.class);
    private final TenantRedaction redaction = mock(TenantRedaction.class, withSettings()
            .useConstructor(mock(DatabaseClient.class), new RedactionProperties(Duration.ofSeconds(30), 100_000, 16))
            .defaultAnswer(CALLS_REAL_METHODS));
    private final TemplateRendering templates = mock(TemplateRendering.class);
    private final List<DeliveryJob> sent = new CopyOnWriteArrayList<>();
    private final List<DeliveryLedger.Entry> recorded = new CopyOnWriteArrayList<>();
    private final List<DeliveryClaims.Settlement> settled = new CopyOnWriteArrayList<>();
    private final List<String> released = new CopyOnWriteArrayList<>();
    private Function<DeliveryJob, Mono<DeliveryOutcome>> webhook = job -> Mono.just(new DeliveryOutcome.Sent());

    @BeforeEach
    void stubs() {
        when(claims.claim(any())).thenReturn(Mono.just(new Claim.Granted("token")));
        when(claims.stillNewest(any())).thenReturn(Mono.just(true));
        when(claims.settle(any())).thenAnswer(call -> Mono.fromRunnable(
                () -> settled.add(call.getArgument(0))));
        when(claims.release(any(), anyString())).thenAnswer(call -> Mono.fromRunnable(
                () -> released.add(call.getArgument(1))));
        when(limiter.acquire(any())).thenReturn(Mono.just(new Permit.Granted(false)));
        when(retries.retryOrGiveUp(any(), any())).thenAnswer(call -> Mono.just(call.getArgument(1)));
        doReturn(Mono.just(Redactor.builtIn())).when(redaction).redactorFor(anyString());
        when(templates.render(any())).thenAnswer(call -> Mono.just(call.getArgument(0)));
        when(ledger.record(anyList())).thenAnswer(call -> Mono.fromRunnable(() -> recorded.addAll(call.getArgument(0))));
        when(deferrals.record(anyList())).thenAnswer(call -> Mono.fromRunnable(() -> deferred.addAll(call.getArgument(0))));
        when(blackouts.holdIfInWindow(any())).thenReturn(Mono.empty());
        when(retries.defer(any(), any())).thenAnswer(call -> Mono.just(call.getArgument(1)));
    }

    @Test
    void anUnsendableDeliveryIsSuppressedWithoutAClaimOrARateLimitToken() {
        offer(job("r-no-url", null, null));
        offer(job("r-unusable", "http://127.0.0.1:1/hook", "webhook:410"));

        run();

        assertThat(recorded).extracting(entry -> entry.outcome()).containsExactlyInAnyOrder(
                new DeliveryOutcome.Suppressed("no-contact-point"),
                new DeliveryOutcome.Suppressed("contact-point-unusable: webhook:410"));
        verify(claims, never()).claim(any());
        verify(limiter, never()).acquire(any());
        assertThat(streams.acknowledged()).hasSize(2);
    }

    @Test
    void aDeliveryWhoseProcessingFailsIsRecordedFailedWithItsReasonAndItsClaimReleased() {
        webhook = job -> Mono.error(new IllegalArgumentException("Empty key"));
        offer(job("r-bad-secret", "http://127.0.0.1:1/hook", null));

        run();

        assertThat(recorded).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isInstanceOf(DeliveryOutcome.Failed.class);
            assertThat(entry.outcome().reason()).contains("Empty key");
        });
        assertThat(released).containsExactly("token");
        assertThat(streams.published(KAFKA.deadLetterTopic())).hasSize(1);
        assertThat(streams.acknowledged()).hasSize(1);
    }

    @Test
    void aSentDeliveryIsSettledRecordedAndAcknowledgedAndUrgentRecordsAreConsumedToo() {
        offer(job("r-bulk", "http://127.0.0.1:1/hook", null));
        streams.offer(KAFKA.urgentDeliveriesTopic(), "r-urgent",
                json.writeValueAsString(job("r-urgent", "http://127.0.0.1:1/hook", null)));

        run();

        assertThat(recorded).extracting(entry -> entry.job().recipientId()).containsExactlyInAnyOrder("r-bulk", "r-urgent");
        assertThat(recorded).extracting(entry -> entry.outcome()).containsOnly(new DeliveryOutcome.Sent());
        assertThat(settled).hasSize(2);
        assertThat(released).isEmpty();
        assertThat(streams.acknowledged()).hasSize(2);
    }

    @Test
    void whatIsSentAndRecordedIsTheRedactedText() {
        offer(new DeliveryJob("00000000-0000-0000-0000-000000000003", "INC-PIPE", 1, "r-redact", Channel.WEBHOOK,
                new UpdateContent("SEV2", "identified", "db-7.prod.internal down",
                        "10.0.3.7 refused AKIAIOSFODNN7EXAMPLE from jane@other.com"), "http://127.0.0.1:1/hook",
                "s", "tenant", 1, null));

        run();

        var expected = new UpdateContent("SEV2", "identified", "[host] down", "[ip] refused [aws-key] from [email]");
        assertThat(sent).extracting(DeliveryJob::content).containsExactly(expected);
        assertThat(recorded).extracting(entry -> entry.job().content()).containsExactly(expected);
    }

    @Test
    void aTransientFailureReleasesTheClaimGoesToTheRetryTopicAndIsNotRecordedYet() {
        webhook = job -> Mono.just(DeliveryOutcome.RetryLater.backoff("http 503"));
        offer(job("r-retry", "http://127.0.0.1:1/hook", null));

        run();

        verify(retries).retryOrGiveUp(any(), any());
        assertThat(released).containsExactly("token");
        assertThat(settled).isEmpty();
        assertThat(recorded).isEmpty();
        assertThat(streams.acknowledged()).hasSize(1);
    }

    @Test
    void aDeliveryInABlackoutIsDeferredWithoutASendItsClaimReleasedAndTheDeferralRecordedBeforeItsAcknowledgement() {
        var hold = DeliveryOutcome.RetryLater.deferred(Duration.ofMinutes(5), "blackout:nights");
        when(blackouts.holdIfInWindow(any())).thenReturn(Mono.just(hold));
        offer(job("r-asleep", "http://127.0.0.1:1/hook", null));

        run();

        assertThat(sent).isEmpty();
        verify(limiter, never()).acquire(any());
        verify(retries).defer(any(), any());
        assertThat(released).containsExactly("token");
        assertThat(recorded).as("not final").isEmpty();
        assertThat(deferred).singleElement().satisfies(deferral -> {
            assertThat(deferral.job().recipientId()).isEqualTo("r-asleep");
            assertThat(deferral.later()).isEqualTo(hold);
        });
        assertThat(streams.acknowledged()).hasSize(1);
    }

    @Test
    void theBlackoutStageHoldsOnlyWhatItsWindowCoversAndTheRestGoesOnToThePermitAndTheSend() {
        var hold = DeliveryOutcome.RetryLater.deferred(Duration.ofMinutes(2), "blackout:nights");
        when(blackouts.holdIfInWindow(any())).thenAnswer(call -> "r-night".equals(call.<DeliveryJob>getArgument(0)
                .recipientId()) ? Mono.just(hold) : Mono.empty());
        var input = new DeliveryInput(streams, DeadLettersAccess.create(streams, KAFKA), json,
                new DeliveryRecordJson(json), KAFKA, updates, PROPERTIES);
        DeliveryStages stages = stages(input);

        stages.deliver(delivery(job("r-night", "http://127.0.0.1:1/hook", null))).as(StepVerifier::create)
                .assertNext(concluded -> assertThat(concluded.outcome()).isEqualTo(hold))
                .verifyComplete();
        stages.deliver(delivery(job("r-day", "http://127.0.0.1:1/hook", null))).as(StepVerifier::create)
                .assertNext(concluded -> assertThat(concluded.outcome()).isEqualTo(new DeliveryOutcome.Sent()))
                .verifyComplete();

        assertThat(sent).extracting(DeliveryJob::recipientId).containsExactly("r-day");
        verify(limiter).acquire(any());
    }

    private static Delivery delivery(DeliveryJob job) {
        return new Delivery(new InboundRecord(job.recipientId(), "{}", 0, 0, () -> { }), job);
    }

    @Test
    void anUnreadableRecordIsParkedAndAcknowledgedWithoutAClaim() {
        streams.offer(KAFKA.deliveriesTopic(), "poison", "{not json");

        run();

        assertThat(streams.published(KAFKA.deadLetterTopic())).hasSize(1);
        assertThat(recorded).isEmpty();
        verify(claims, never()).claim(any());
        assertThat(streams.acknowledged()).hasSize(1);
    }

    @Test
    void leanRecordsGetTheirUpdatesContentAndARecordOfAnUpdateThatDoesNotExistIsParked() {
        UpdateContent content = new UpdateContent("SEV2", "identified", "Lean", "Read once");
        when(updates.of("tenant", "INC-PIPE", 1)).thenReturn(Mono.just(content));
        when(updates.of("tenant", "INC-PIPE", 9)).thenReturn(Mono.empty());
        DeliveryJob first = job("r-lean-1", "http://127.0.0.1:1/hook", null);
        DeliveryJob missing = new DeliveryJob(first.broadcastId(), "INC-PIPE", 9, "r-lean-3", Channel.WEBHOOK,
                content, "http://127.0.0.1:1/hook", "s", "tenant");
        for (DeliveryJob job : List.of(first, job("r-lean-2", "http://127.0.0.1:1/hook", null), missing)) {
            streams.offer(KAFKA.deliveriesTopic(), job.recipientId(), json.writeValueAsString(DeliveryRecord.lean(job)));
        }
        assertThat(json.writeValueAsString(DeliveryRecord.lean(first))).doesNotContain("Lean");

        run();

        assertThat(sent).extracting(DeliveryJob::recipientId).containsExactlyInAnyOrder("r-lean-1", "r-lean-2");
        assertThat(sent).extracting(DeliveryJob::content).containsOnly(content);
        assertThat(streams.published(KAFKA.deadLetterTopic())).hasSize(1);
        assertThat(streams.acknowledged()).hasSize(3);
    }

    @Test
    void eachLaneHoldsItsOwnNumberOfDeliveriesInFlightAndTheEmailLaneMore() {
        webhook = job -> Mono.never();
        for (int i = 0; i < 12; i++) {
            offer(job("r-hook-" + i, "http://127.0.0.1:1/hook", null));
            offer(new DeliveryJob("00000000-0000-0000-0000-000000000003", "INC-PIPE", 1, "r-mail-" + i,
                    Channel.EMAIL, new UpdateContent("SEV2", "identified", "t", "b"), "r" + i + "@example.com", null,
                    "tenant", 1, null));
        }

        pipeline().run(Mono.never()).as(StepVerifier::create)
                .thenAwait(Duration.ofMillis(500))
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(sent).filteredOn(job -> job.channel() == Channel.WEBHOOK).as("clarion.delivery.concurrency")
                .hasSize(PROPERTIES.concurrency());
        assertThat(sent).filteredOn(job -> job.channel() == Channel.EMAIL).as("clarion.delivery.email-concurrency")
                .hasSize(PROPERTIES.emailConcurrency());
    }

    @Test
    void aCancelledDeliveryReleasesItsClaimAndAcknowledgesNothing() {
        webhook = job -> Mono.never();
        offer(job("r-hung", "http://127.0.0.1:1/hook", null));

        pipeline().run(Mono.never()).as(StepVerifier::create)
                .thenAwait(Duration.ofMillis(300))
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(released).containsExactly("token");
        assertThat(streams.acknowledged()).isEmpty();
    }

    private void run() {
        pipeline().run(Mono.never()).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(10));
    }

    private void offer(DeliveryJob job) {
        streams.offer(KAFKA.deliveriesTopic(), job.recipientId(), json.writeValueAsString(job));
    }

    private DeliveryPipeline pipeline() {
        var input = new DeliveryInput(streams, DeadLettersAccess.create(streams, KAFKA), json,
                new DeliveryRecordJson(json), KAFKA, updates, PROPERTIES);
        return new DeliveryPipeline(input, stages(input), ledger, deferrals, PROPERTIES);
    }

    private DeliveryStages stages(DeliveryInput input) {
        List<ChannelSender> senders = List.of(sender(Channel.WEBHOOK), sender(Channel.EMAIL));
        var breakers = ProviderBreakersAccess.create(new BreakerProperties(Duration.ofSeconds(2), 50, 10, 4,
                Duration.ofSeconds(10), 2));
        var followUp = new FollowUp(retries, mock(ContactPoints.class), input, PROPERTIES);
        return new DeliveryStages(new Admission(claims, limiter, blackouts, PROPERTIES),
                ChannelSendersAccess.create(new ArrayList<>(senders), breakers), followUp, input,
                redaction, templates);
    }

    /** Sends through {@link #webhook}, whatever its channel. */
    private ChannelSender sender(Channel channel) {
        return new ChannelSender() {
            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public Mono<DeliveryOutcome> send(DeliveryJob job) {
                sent.add(job);
                return webhook.apply(job);
            }

            @Override
            public String archived(DeliveryJob job) {
                return job.content().body();
            }
        };
    }

    private static DeliveryJob job(String recipient, String destination, String unusable) {
        return new DeliveryJob("00000000-0000-0000-0000-000000000003", "INC-PIPE", 1, recipient, Channel.WEBHOOK,
                new UpdateContent("SEV2", "identified", "t", "b"), destination, "s", "tenant", 1, unusable);
    }
}
