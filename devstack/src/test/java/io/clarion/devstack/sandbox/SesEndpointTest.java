package io.clarion.devstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClient;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntry;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntryResult;
import software.amazon.awssdk.services.sesv2.model.BulkEmailStatus;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SesEndpointTest {

    private static ProviderSandbox sandbox;
    private static SesV2AsyncClient ses;

    @BeforeAll
    static void start() {
        sandbox = ProviderSandbox.start();
        ses = SesV2AsyncClient.builder()
                .endpointOverride(URI.create(sandbox.providerEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOX", "secret")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        ses.close();
        sandbox.stop();
    }

    @BeforeEach
    void reset() {
        sandbox.clear();
        sandbox.faults().clear();
    }

    @Test
    void sendEmailIsAcceptedAndRecordedWithClarionsHeaders() {
        String messageId = ses.sendEmail(email("ops@example.com", "r-17", "INC-42", 3)).join().messageId();

        assertThat(messageId).as("shaped like SES's").matches("0100[0-9a-f]{12}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-000000")
                .isNotEqualTo(ses.sendEmail(email("ops@example.com", "r-18", "INC-42", 3)).join().messageId());
        assertThat(sandbox.messages("email")).first().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo("r-17");
            assertThat(message.incidentId()).isEqualTo("INC-42");
            assertThat(message.version()).isEqualTo(3L);
            assertThat(message.messageId()).isEqualTo("msg_r-17");
            assertThat(message.path()).isEqualTo("/v2/email/outbound-emails");
            assertThat(message.headers()).containsEntry("message-id", "<msg_r-17@clarion>");
            JsonNode body = JsonMapper.builder().build().readTree(message.body());
            assertThat(body.path("from").stringValue()).isEqualTo("status@clarion.test");
            assertThat(body.path("to").get(0).stringValue()).isEqualTo("ops@example.com");
            assertThat(body.path("subject").stringValue()).isEqualTo("[SEV1] API down");
            assertThat(body.path("text").stringValue()).isEqualTo("We are investigating.");
        });
    }

    @Test
    void sendBulkEmailRecordsEachEntryAndFailsOnlyTheEntryTheFaultIsFor() {
        sandbox.faults().set("email", Fault.failing("MessageRejected").onlyFor("bad@example.com"));

        List<BulkEmailEntryResult> results = ses.sendBulkEmail(bulk(
                entry("a@example.com", "r-1"), entry("bad@example.com", "r-2"), entry("c@example.com", "r-3"))).join()
                .bulkEmailEntryResults();

        assertThat(results).extracting(BulkEmailEntryResult::status)
                .containsExactly(BulkEmailStatus.SUCCESS, BulkEmailStatus.MESSAGE_REJECTED, BulkEmailStatus.SUCCESS);
        assertThat(results.get(0).messageId()).isNotBlank();
        assertThat(sandbox.messages("email")).extracting(SandboxMessage::recipient).containsExactly("r-1", "r-3");
        assertThat(sandbox.messages("email")).extracting(SandboxMessage::messageId).containsExactly("msg_r-1", "msg_r-3");
        assertThat(sandbox.messages("email").get(0).body()).contains("\"subject\":\"Hello r-1\"");
        assertThat(sandbox.messages("email")).allSatisfy(message -> {
            assertThat(message.incidentId()).isEqualTo("INC-7");
            assertThat(message.version()).isEqualTo(2L);
        });
    }

    @Test
    void bulkEntriesWithAndWithoutReplacementDataEachGetTheirOwnRendering() {
        BulkEmailEntry plain = BulkEmailEntry.builder().destination(d -> d.toAddresses("p@example.com"))
                .replacementHeaders(headers("r-plain", "INC-7", 2)).build();
        BulkEmailEntry alsoPlain = BulkEmailEntry.builder().destination(d -> d.toAddresses("q@example.com"))
                .replacementHeaders(headers("r-plain-2", "INC-7", 2)).build();

        ses.sendBulkEmail(bulk(plain, entry("a@example.com", "r-1"), alsoPlain)).join();

        assertThat(sandbox.messages("email")).extracting(SandboxMessage::recipient)
                .containsExactly("r-plain", "r-1", "r-plain-2");
        assertThat(sandbox.messages("email")).extracting(message -> JsonMapper.builder().build()
                        .readTree(message.body()).path("subject").stringValue())
                .containsExactly("Hello you", "Hello r-1", "Hello you");
    }

    static Stream<Arguments> errors() {
        return Stream.of(Arguments.of("TooManyRequestsException", TooManyRequestsException.class, 429),
                Arguments.of("LimitExceededException", LimitExceededException.class, 400),
                Arguments.of("SendingPausedException", SendingPausedException.class, 400),
                Arguments.of("MessageRejected", MessageRejectedException.class, 400),
                Arguments.of("AccountSuspendedException", AccountSuspendedException.class, 400),
                Arguments.of("NotFoundException", NotFoundException.class, 404),
                Arguments.of("BadRequestException", BadRequestException.class, 400));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void injectedErrorSurfacesAsTheSdksModelledException(String errorCode, Class<? extends SesV2Exception> type,
                                                        int status) {
        sandbox.faults().set("email", Fault.failing(errorCode));

        assertThatThrownBy(() -> ses.sendEmail(email("ops@example.com", "r-1", "INC-1", 1)).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(type)
                .satisfies(e -> assertThat(((SesV2Exception) e).statusCode()).isEqualTo(status))
                .satisfies(e -> assertThat(((SesV2Exception) e).awsErrorDetails().errorCode()).isEqualTo(errorCode));
        assertThat(sandbox.messages()).isEmpty();
    }

    @Test
    void anOutageIsAnsweredAsServiceUnavailable() {
        sandbox.faults().set("email", Fault.outage());

        assertThatThrownBy(() -> ses.sendEmail(email("ops@example.com", "r-1", "INC-1", 1)).join())
                .cause().isInstanceOf(SesV2Exception.class)
                .satisfies(e -> assertThat(((SesV2Exception) e).statusCode()).isEqualTo(503))
                .satisfies(e -> assertThat(((SesV2Exception) e).awsErrorDetails().errorCode())
                        .isEqualTo("ServiceUnavailable"));
    }

    @Test
    void requestsAboveTheRateCapAreThrottled() {
        sandbox.faults().set("email", Fault.rateCapped(3));
        int accepted = 0;
        int throttled = 0;
        for (int i = 0; i < 6; i++) {
            try {
                ses.sendEmail(email("ops@example.com", "r-" + i, "INC-1", 1)).join();
                accepted++;
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(TooManyRequestsException.class);
                throttled++;
            }
        }
        // six requests fall into at most two wall-clock seconds
        assertThat(accepted).isBetween(3, 6);
        assertThat(throttled).isEqualTo(6 - accepted).isPositive();
        assertThat(sandbox.messages("email")).hasSize(accepted);
    }

    @Test
    void aRequestWithoutSigV4AuthorizationIsRefusedAndCounted() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/v2/email/outbound-emails"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("IncompleteSignatureException");
        assertThat(response.body()).contains("\"message\"");
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/sandbox/stats")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JsonMapper.builder().build().readTree(stats.body()).path("rejected").path("email").longValue())
                .isEqualTo(1);
    }

    @Test
    void anEmailWithoutSimpleContentIsABadRequest() {
        assertThatThrownBy(() -> ses.sendEmail(SendEmailRequest.builder().fromEmailAddress("status@clarion.test")
                .destination(d -> d.toAddresses("ops@example.com")).content(c -> c.raw(r -> r.data(
                        software.amazon.awssdk.core.SdkBytes.fromUtf8String("raw")))).build()).join())
                .cause().isInstanceOf(BadRequestException.class);
    }

    private static SendEmailRequest email(String to, String recipient, String incident, long version) {
        return SendEmailRequest.builder()
                .fromEmailAddress("status@clarion.test")
                .destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m.subject(s -> s.data("[SEV1] API down"))
                        .body(b -> b.text(t -> t.data("We are investigating.")))
                        .headers(headers(recipient, incident, version))))
                .build();
    }

    private static SendBulkEmailRequest bulk(BulkEmailEntry... entries) {
        return SendBulkEmailRequest.builder()
                .fromEmailAddress("status@clarion.test")
                .defaultContent(c -> c.template(t -> t.templateContent(tc -> tc.subject("Hello {{name}}")
                        .text("Incident {{incident}}")).templateData("{\"incident\":\"INC-7\",\"name\":\"you\"}")))
                .bulkEmailEntries(entries)
                .build();
    }

    private static BulkEmailEntry entry(String to, String recipient) {
        return BulkEmailEntry.builder()
                .destination(d -> d.toAddresses(to))
                .replacementHeaders(headers(recipient, "INC-7", 2))
                .replacementEmailContent(c -> c.replacementTemplate(t -> t.replacementTemplateData(
                        "{\"name\":\"" + recipient + "\"}")))
                .build();
    }

    private static List<MessageHeader> headers(String recipient, String incident, long version) {
        return List.of(header("Message-ID", "<msg_" + recipient + "@clarion>"),
                header("List-Unsubscribe", "<https://clarion.test/unsubscribe>"),
                header("X-Clarion-Recipient", recipient), header("X-Clarion-Incident", incident),
                header("X-Clarion-Version", String.valueOf(version)));
    }

    private static MessageHeader header(String name, String value) {
        return MessageHeader.builder().name(name).value(value).build();
    }
}
