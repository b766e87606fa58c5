package io.clarion.dispatcher.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.devstack.sandbox.Fault;
import io.clarion.devstack.sandbox.ProviderSandbox;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** The real SES v2 SDK against the provider sandbox's SES endpoint. */
class EmailSenderSandboxTest {
    private static final UpdateContent CONTENT =
            new UpdateContent("SEV2", "monitoring", "Login <slow>", "Fix deployed; watching.");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ProviderSandbox sandbox;
    private static EmailSender sender;

    @BeforeAll
    static void start() {
        sandbox = ProviderSandbox.start();
        sender = new EmailSender(properties(URI.create(sandbox.providerEndpoint())), JSON);
    }

    @AfterAll
    static void stop() {
        sender.close();
        sandbox.close();
    }

    @AfterEach
    void reset() {
        sandbox.faults().clear();
        sandbox.clear();
    }

    @Test
    void aLoneDeliveryReachesTheInboxThroughSendEmailWithItsMetadata() {
        DeliveryJob job = job("r-1", 5);

        sender.send(job).as(StepVerifier::create).expectNext(new Sent()).verifyComplete();

        assertThat(sandbox.messages("email")).singleElement().satisfies(message -> {
            assertThat(message.path()).isEqualTo("/v2/email/outbound-emails");
            assertArrived(message, job);
        });
    }

    @Test
    void sameContentDeliveriesReachTheInboxThroughSendBulkEmail() {
        List<DeliveryJob> jobs = IntStream.range(0, 7).mapToObj(i -> job("r-" + i, 6)).toList();

        Flux.fromIterable(jobs).flatMap(sender::send).as(StepVerifier::create)
                .expectNext(new Sent(), new Sent(), new Sent(), new Sent(), new Sent(), new Sent(), new Sent())
                .verifyComplete();

        List<SandboxMessage> inbox = sandbox.messages("email");
        assertThat(inbox).hasSize(7).allSatisfy(message -> {
            assertThat(message.path()).isEqualTo("/v2/email/outbound-bulk-emails");
            DeliveryJob job = jobs.stream().filter(j -> j.recipientId().equals(message.recipient())).findFirst()
                    .orElseThrow();
            assertArrived(message, job);
        });
    }

    @Test
    void aRejectedEntryFailsAloneWhileTheRestOfTheBulkIsSent() {
        sandbox.faults().set("email", Fault.failing("MessageRejected").onlyFor(address("r-bad")));
        List<DeliveryJob> jobs = List.of(job("r-good-1", 7), job("r-bad", 7), job("r-good-2", 7));

        Flux.fromIterable(jobs).flatMap(job -> sender.send(job).map(outcome -> Map.entry(job.recipientId(), outcome)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .as(StepVerifier::create)
                .assertNext(outcomes -> assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "r-good-1", new Sent(), "r-bad", new Failed("ses:MESSAGE_REJECTED"),
                        "r-good-2", new Sent())))
                .verifyComplete();

        assertThat(sandbox.messages("email")).extracting(SandboxMessage::recipient)
                .containsExactlyInAnyOrder("r-good-1", "r-good-2");
    }

    @Test
    void sesErrorsOnSendEmailBecomeOutcomes() {
        sandbox.faults().set("email", Fault.failing("MessageRejected"));
        sender.send(job("r-1", 8)).as(StepVerifier::create).expectNext(new Failed("ses:MessageRejected"))
                .verifyComplete();

        sandbox.faults().set("email", Fault.failing("TooManyRequestsException"));
        sender.send(job("r-1", 8)).as(StepVerifier::create)
                .expectNext(RetryLater.backoff("ses:TooManyRequestsException")).verifyComplete();

        sandbox.faults().set("email", Fault.outage());
        sender.send(job("r-1", 8)).as(StepVerifier::create)
                .expectNext(RetryLater.backoff("ses:ServiceUnavailable")).verifyComplete();

        assertThat(sandbox.messages("email")).isEmpty();
    }

    @Test
    void throttledBulkEntriesAreRetriedLater() {
        sandbox.faults().set("email", Fault.failing("TooManyRequestsException"));

        Flux.range(0, 3).map(i -> job("r-" + i, 10)).flatMap(sender::send).collectList().as(StepVerifier::create)
                .assertNext(outcomes -> assertThat(outcomes).allSatisfy(outcome ->
                        assertThat(outcome).isEqualTo(RetryLater.backoff("ses:ACCOUNT_THROTTLED"))))
                .verifyComplete();
    }

    @Test
    void anUnreachableSesIsRetriedLater() {
        try (EmailSender unreachable = new EmailSender(properties(URI.create("http://127.0.0.1:1")), JSON)) {
            unreachable.send(job("r-1", 1)).as(StepVerifier::create)
                    .assertNext(outcome -> assertThat(outcome).isInstanceOfSatisfying(RetryLater.class,
                            retry -> assertThat(retry.reason()).startsWith("ses:")))
                    .verifyComplete();
        }
    }

    private static void assertArrived(SandboxMessage message, DeliveryJob job) {
        assertThat(message.channel()).isEqualTo("email");
        assertThat(message.recipient()).isEqualTo(job.recipientId());
        assertThat(message.incidentId()).isEqualTo("INC-9");
        assertThat(message.version()).isEqualTo((long) job.version());
        assertThat(message.messageId()).isEqualTo(job.messageId());
        assertThat(message.headers()).containsEntry("list-unsubscribe",
                "<https://status.example.com/unsubscribe?r=" + job.recipientId() + ">")
                .containsEntry("list-unsubscribe-post", "List-Unsubscribe=One-Click");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.readValue(message.body(), Map.class);
        assertThat(body).containsEntry("from", "status@example.com")
                .containsEntry("to", List.of(job.destination()))
                .containsEntry("subject", "[SEV2] Login <slow> (monitoring)");
        assertThat((String) body.get("html")).contains("Login &lt;slow&gt;");
        assertThat((String) body.get("text")).contains("Fix deployed; watching.");
    }

    private static EmailProperties properties(URI endpoint) {
        return new EmailProperties("status@example.com", "us-east-1", endpoint, "AKIDSANDBOX", "sandbox-secret",
                "https://status.example.com/unsubscribe?r={recipient}", 50, Duration.ofMillis(30), 16, null);
    }

    private static DeliveryJob job(String recipientId, int version) {
        return new DeliveryJob("b-1", "INC-9", version, recipientId, Channel.EMAIL, CONTENT, address(recipientId),
                null, "tenant-a");
    }

    private static String address(String recipientId) {
        return recipientId + "@example.com";
    }
}
