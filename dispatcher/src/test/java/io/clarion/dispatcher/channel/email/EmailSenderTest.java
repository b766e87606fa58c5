package io.clarion.dispatcher.channel.email;

import io.clarion.core.notice.Notice;
import io.clarion.core.subscriber.UnsubscribeLinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.UpdateContent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntry;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import tools.jackson.databind.json.JsonMapper;

class EmailSenderTest {
    private static final UpdateContent CONTENT =
            new UpdateContent("SEV1", "identified", "API <errors> & timeouts", "We found it.\nFix rolling out.");

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeSes ses = new FakeSes();
    private EmailSender sender;

    @AfterEach
    void close() {
        if (sender != null) {
            sender.close();
        }
    }

    @Test
    void concurrentSendsOfTheSameContentShareBulkCallsAndEachCallerGetsItsOwnOutcome() {
        // a window far longer than it takes to submit 120 sends, so only the size closes the first two batches
        sender = sender(properties("https://status.example.com/unsubscribe?r={recipient}", Duration.ofMillis(500)));
        List<DeliveryJob> jobs = IntStream.range(0, 120)
                .mapToObj(i -> job("r-" + i, i % 7 == 0 ? "reject" : "ok", 3)).toList();

        Flux.fromIterable(jobs)
                .flatMap(job -> sender.send(job).map(outcome -> Map.entry(job.recipientId(), outcome)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .as(StepVerifier::create)
                .assertNext(outcomes -> {
                    assertThat(outcomes).hasSize(120);
                    jobs.forEach(job -> assertThat(outcomes.get(job.recipientId())).isEqualTo(
                            job.destination().startsWith("reject") ? new Failed("ses:MESSAGE_REJECTED") : new Sent()));
                })
                .verifyComplete();

        assertThat(ses.sendEmailCalls).isEmpty();
        assertThat(ses.sendBulkEmailCalls).extracting(call -> call.bulkEmailEntries().size())
                .containsExactlyInAnyOrder(50, 50, 20);
        ses.sendBulkEmailCalls.forEach(
                call -> call.bulkEmailEntries().forEach(EmailSenderTest::entryIsAddressedToItsRecipient));
    }

    @Test
    void aBulkCallCarriesInlineTemplateContentFilledWithTheRenderedParts() {
        sender = sender(properties(null, Duration.ofMillis(50)));

        Flux.just(job("r-1", "ok", 3), job("r-2", "ok", 3)).flatMap(sender::send)
                .as(StepVerifier::create).expectNextCount(2).verifyComplete();

        assertThat(ses.sendBulkEmailCalls).singleElement().satisfies(call -> {
            var template = call.defaultContent().template();
            assertThat(template.templateContent()).isEqualTo(SesRequests.TEMPLATE);
            @SuppressWarnings("unchecked")
            Map<String, String> data = json.readValue(template.templateData(), Map.class);
            assertThat(data.get("subject")).isEqualTo("[SEV1] API <errors> & timeouts (identified)");
            assertThat(data.get("html")).contains("API &lt;errors&gt; &amp; timeouts").contains("We found it.<br>");
            assertThat(data.get("text")).contains("We found it.\nFix rolling out.");
            assertThat(call.fromEmailAddress()).isEqualTo("status@example.com");
            assertThat(call.configurationSetName()).isEqualTo("clarion-events");
        });
    }

    @Test
    void aLoneDeliveryIsOneSendEmailWithItsHeaders() {
        sender = sender(properties("https://status.example.com/unsubscribe?r={recipient}", Duration.ofMillis(5)));
        DeliveryJob job = job("r 1/x", "ok", 4);

        sender.send(job).as(StepVerifier::create).expectNext(new Sent()).verifyComplete();

        assertThat(ses.sendBulkEmailCalls).isEmpty();
        SendEmailRequest request = ses.sendEmailCalls.get(0);
        assertThat(ses.sendEmailCalls).hasSize(1);
        assertThat(request.destination().toAddresses()).containsExactly(job.destination());
        var message = request.content().simple();
        assertThat(message.subject().data()).isEqualTo("[SEV1] API <errors> & timeouts (identified)");
        assertThat(message.body().html().data()).contains("<h1>API &lt;errors&gt; &amp; timeouts</h1>");
        assertThat(message.body().text().data()).contains("INC-7, update 4");
        assertThat(headers(message.headers())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Message-ID", "<" + job.messageId() + "@clarion>",
                "X-Clarion-Message-Id", job.messageId(),
                "List-Unsubscribe", "<https://status.example.com/unsubscribe?r=r%201%2Fx>",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
                "X-Clarion-Recipient", "r 1/x",
                "X-Clarion-Incident", "INC-7",
                "X-Clarion-Version", "4"));
    }

    @Test
    void withoutAnUnsubscribeUrlListUnsubscribeIsAMailtoAndNotOneClick() {
        sender = sender(properties(null, Duration.ofMillis(5)));

        sender.send(job("r-1", "ok", 1)).as(StepVerifier::create).expectNext(new Sent()).verifyComplete();

        Map<String, String> headers = headers(ses.sendEmailCalls.get(0).content().simple().headers());
        assertThat(headers).containsEntry("List-Unsubscribe", "<mailto:status@example.com?subject=unsubscribe%20r-1>")
                .doesNotContainKey("List-Unsubscribe-Post");
    }

    @Test
    void theMailtoUnsubscribeUsesTheBareAddressOfADisplayNameSender() {
        sender = new EmailSender(ses, new EmailProperties("Clarion Status <status@clarion.local>", "us-east-1", null,
                null, null, null, 50, Duration.ofMillis(5), 8, null), json);

        sender.send(job("r-1", "ok", 1)).as(StepVerifier::create).expectNext(new Sent()).verifyComplete();

        SendEmailRequest request = ses.sendEmailCalls.get(0);
        assertThat(request.fromEmailAddress()).isEqualTo("Clarion Status <status@clarion.local>");
        assertThat(headers(request.content().simple().headers()))
                .containsEntry("List-Unsubscribe", "<mailto:status@clarion.local?subject=unsubscribe%20r-1>");
    }

    @Test
    void deliveriesOfDifferentVersionsAreNeverMixedInOneCall() {
        sender = sender(properties(null, Duration.ofMillis(50)));

        Flux.range(0, 6).map(i -> job("r-" + i, "ok", 1 + i % 2)).flatMap(sender::send)
                .as(StepVerifier::create).expectNextCount(6).verifyComplete();

        assertThat(ses.sendBulkEmailCalls).hasSize(2).allSatisfy(call -> assertThat(call.bulkEmailEntries()
                .stream().map(entry -> headers(entry.replacementHeaders()).get("X-Clarion-Version")).distinct())
                .hasSize(1));
    }

    @Test
    void aBulkCallThatFailsAsAWholeGivesEveryCallerTheClassifiedOutcome() {
        sender = sender(properties(null, Duration.ofMillis(50)));
        ses.bulkAnswer = request -> CompletableFuture.failedFuture(TooManyRequestsException.builder().statusCode(429)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException").build()).build());

        Flux.range(0, 3).map(i -> job("r-" + i, "ok", 1)).flatMap(sender::send)
                .as(StepVerifier::create)
                .expectNext(RetryLater.backoff("ses:TooManyRequestsException"))
                .expectNext(RetryLater.backoff("ses:TooManyRequestsException"))
                .expectNext(RetryLater.backoff("ses:TooManyRequestsException"))
                .verifyComplete();
    }

    @Test
    void aCallerThatCancelsBeforeItsBatchLeavesIsNotSent() {
        sender = sender(properties(null, Duration.ofMillis(300)));
        DeliveryJob leaving = job("r-leaving", "ok", 1);
        DeliveryJob staying = job("r-staying", "ok", 1);

        sender.send(leaving).as(StepVerifier::create).thenAwait(Duration.ofMillis(20)).thenCancel().verify();
        sender.send(staying).as(StepVerifier::create).expectNext(new Sent()).verifyComplete();

        assertThat(ses.sendBulkEmailCalls).isEmpty();
        assertThat(ses.sendEmailCalls).singleElement()
                .satisfies(call -> assertThat(call.destination().toAddresses()).containsExactly(staying.destination()));
    }

    @Test
    void whenTheQueueIsFullADeliveryIsSentAloneAtOnceAndNoneIsLost() {
        CompletableFuture<Void> sesAnswers = new CompletableFuture<>();
        ses.bulkAnswer = request -> sesAnswers.thenCompose(ignored -> FakeSes.perEntry(request));
        sender = new EmailSender(ses, new EmailProperties("status@example.com", "eu-west-1", null, null, null, null,
                2, Duration.ofMillis(50), 1, null), json);
        List<DeliveryJob> jobs = IntStream.range(0, 40).mapToObj(i -> job("r-" + i, "ok", 1)).toList();

        Flux.fromIterable(jobs).flatMap(sender::send).as(StepVerifier::create)
                .expectNextCount(1)
                .then(() -> sesAnswers.complete(null))
                .expectNextCount(39)
                .verifyComplete();

        assertThat(ses.sendEmailCalls).isNotEmpty();
        List<String> sentTo = Stream.concat(
                ses.sendEmailCalls.stream().map(call -> call.destination().toAddresses().get(0)),
                ses.sendBulkEmailCalls.stream().flatMap(call -> call.bulkEmailEntries().stream())
                        .map(entry -> entry.destination().toAddresses().get(0))).toList();
        assertThat(sentTo).containsExactlyInAnyOrderElementsOf(jobs.stream().map(DeliveryJob::destination).toList());
    }

    @Test
    void eachRegionIsOneCircuitBreakerAccount() {
        sender = sender(properties(null, Duration.ofMillis(5)));

        assertThat(sender.account(job("r-1", "ok", 1))).isEqualTo("ses:eu-west-1");
        assertThat(sender.channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void theSecretKeyIsNeverPrinted() {
        EmailProperties properties = new EmailProperties("status@example.com", "eu-west-1", null, "AKIAEXAMPLE",
                "very-secret", null, 50, Duration.ofMillis(20), 8, null);

        assertThat(properties.toString()).doesNotContain("very-secret").doesNotContain("AKIAEXAMPLE")
                .contains("credentials=static");
    }

    private static void entryIsAddressedToItsRecipient(BulkEmailEntry entry) {
        Map<String, String> headers = headers(entry.replacementHeaders());
        String recipient = headers.get("X-Clarion-Recipient");
        assertThat(entry.destination().toAddresses().get(0)).endsWith("-" + recipient + "@example.com");
        assertThat(headers.get("Message-ID"))
                .isEqualTo("<" + job(recipient, "any", 3).messageId() + "@clarion>");
    }

    @Test
    void aSubscriberGetsItsOwnSignedOneClickLinkAndOtherRecipientsTheConfiguredOne() {
        UnsubscribeLinks links = new UnsubscribeLinks("a-key-of-at-least-16-bytes", "https://status.example.com");
        sender = new EmailSender(ses, properties("https://example.com/u?r={recipient}", Duration.ofMillis(5)), json, links);

        sender.send(job("sub-abc", "ok", 1)).as(StepVerifier::create).expectNext(new Sent()).verifyComplete();
        sender.send(job("r-1", "ok", 2)).as(StepVerifier::create).expectNext(new Sent()).verifyComplete();

        Map<String, String> subscriber = headers(ses.sendEmailCalls.get(0).content().simple().headers());
        assertThat(subscriber).containsEntry("List-Unsubscribe", "<" + links.url("tenant-a", "sub-abc") + ">")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(links.verify("tenant-a", subscriber.get("List-Unsubscribe").replaceAll(".*token=|>$", "")))
                .contains("sub-abc");
        assertThat(headers(ses.sendEmailCalls.get(1).content().simple().headers()))
                .containsEntry("List-Unsubscribe", "<https://example.com/u?r=r-1>");
    }

    @Test
    void aNoticeIsOneEmailWithItsOwnMessageIdAndNoUnsubscribe() {
        sender = sender(properties(null, Duration.ofMillis(5)));
        Notice notice = new Notice("notice_1", "tenant-a", "sub-1", "ada@example.com", "Confirm", "text", "<p>html</p>");

        sender.send(notice).as(StepVerifier::create).expectNext(new Sent()).verifyComplete();

        SendEmailRequest request = ses.sendEmailCalls.get(0);
        assertThat(request.destination().toAddresses()).containsExactly("ada@example.com");
        assertThat(request.content().simple().subject().data()).isEqualTo("Confirm");
        assertThat(headers(request.content().simple().headers())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Message-ID", "<notice_1@clarion>", "X-Clarion-Message-Id", "notice_1", "X-Clarion-Recipient", "sub-1"));
    }

    private static Map<String, String> headers(List<MessageHeader> headers) {
        return headers.stream().collect(Collectors.toMap(MessageHeader::name, MessageHeader::value));
    }

    private EmailSender sender(EmailProperties properties) {
        return new EmailSender(ses, properties, json);
    }

    private static EmailProperties properties(String unsubscribeUrl, Duration window) {
        return new EmailProperties("status@example.com", "eu-west-1", null, null, null, unsubscribeUrl, 50, window,
                8, "clarion-events");
    }

    private static DeliveryJob job(String recipientId, String addressPrefix, int version) {
        return new DeliveryJob("b-1", "INC-7", version, recipientId, Channel.EMAIL, CONTENT,
                addressPrefix + "-" + recipientId + "@example.com", null, "tenant-a");
    }
}
