package io.clarion.devstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TwilioEndpointTest {

    private static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ProviderSandbox sandbox;
    private static TwilioRestClient twilio;

    @BeforeAll
    static void start() {
        sandbox = ProviderSandbox.start();
        twilio = client(ACCOUNT_SID);
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @BeforeEach
    void reset() {
        sandbox.clear();
        sandbox.faults().clear();
    }

    @Test
    void aMessageIsCreatedAndRecordedWithTheMetadataOfItsStatusCallback() {
        Message message = send("+15550100001", "r-17", "INC-42", 3);

        assertThat(message.getSid()).startsWith("SM");
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getTo()).isEqualTo("+15550100001");
        assertThat(message.getNumSegments()).isEqualTo("1");
        assertThat(sandbox.messages("sms")).singleElement().satisfies(recorded -> {
            assertThat(recorded.recipient()).isEqualTo("r-17");
            assertThat(recorded.incidentId()).isEqualTo("INC-42");
            assertThat(recorded.version()).isEqualTo(3L);
            assertThat(recorded.messageId()).isEqualTo("msg_r-17");
            assertThat(recorded.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json");
            JsonNode body = JsonMapper.builder().build().readTree(recorded.body());
            assertThat(body.path("to").stringValue()).isEqualTo("+15550100001");
            assertThat(body.path("from").stringValue()).isEqualTo("+15550009999");
            assertThat(body.path("body").stringValue()).isEqualTo("[SEV1] API down: investigating");
            assertThat(body.path("segments").intValue()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @CsvSource({"20429, 429", "21211, 400", "21610, 400", "21614, 400", "30003, 400", "20503, 503"})
    void anInjectedErrorSurfacesAsApiExceptionWithTwiliosCode(int code, int status) {
        sandbox.faults().set("sms", Fault.failing(String.valueOf(code)));

        assertThatThrownBy(() -> send("+15550100001", "r-1", "INC-1", 1))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(code);
                    assertThat(e.getStatusCode()).isEqualTo(status);
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
                });
        assertThat(sandbox.messages()).isEmpty();
    }

    @Test
    void aFaultForOneNumberLeavesTheOthersAlone() {
        sandbox.faults().set("sms", Fault.failing("21610").onlyFor("+15550100002"));

        send("+15550100001", "r-1", "INC-1", 1);
        assertThatThrownBy(() -> send("+15550100002", "r-2", "INC-1", 1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21610));
        send("+15550100003", "r-3", "INC-1", 1);

        assertThat(sandbox.messages("sms")).extracting(SandboxMessage::recipient).containsExactly("r-1", "r-3");
    }

    @Test
    void anInvalidToNumberIsRefusedWith21211() {
        assertThatThrownBy(() -> send("555-0100", "r-1", "INC-1", 1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21211));
    }

    @Test
    void requestsAboveTheRateCapGet20429() throws Exception {
        sandbox.faults().set("sms", Fault.rateCapped(2));
        int accepted = 0;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = postForm("To=%2B1555010000" + i + "&From=%2B15550009999&Body=hi");
            if (response.statusCode() == 201) {
                accepted++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(JsonMapper.builder().build().readTree(response.body()).path("code").intValue()).isEqualTo(20429);
            }
        }
        // five requests fall into at most two wall-clock seconds
        assertThat(accepted).isBetween(2, 4);
        assertThat(sandbox.messages("sms")).hasSize(accepted);
    }

    private static HttpResponse<String> postForm(String form) throws Exception {
        String auth = Base64.getEncoder().encodeToString((ACCOUNT_SID + ":token").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT_SID
                        + "/Messages.json"))
                .header("authorization", "Basic " + auth)
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void basicAuthForAnotherAccountIsRefusedWith20003() {
        TwilioRestClient other = client("AC00000000000000000000000000000002");

        assertThatThrownBy(() -> Message.creator(ACCOUNT_SID, new PhoneNumber("+15550100001"),
                new PhoneNumber("+15550009999"), "hello").create(other))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20003);
                    assertThat(e.getStatusCode()).isEqualTo(401);
                });
        assertThat(sandbox.messages()).isEmpty();
    }

    @Test
    void longMessagesCountTheirSegments() {
        assertThat(TwilioEndpoint.segments("a".repeat(160))).isEqualTo(1);
        assertThat(TwilioEndpoint.segments("a".repeat(161))).isEqualTo(2);
        assertThat(TwilioEndpoint.segments("é".repeat(71))).isEqualTo(2);
    }

    private static Message send(String to, String recipient, String incident, long version) {
        String callback = "https://clarion.test/twilio/status?recipient=" + recipient + "&incident=" + incident
                + "&version=" + version + "&messageId=msg_" + recipient;
        return Message.creator(ACCOUNT_SID, new PhoneNumber(to), new PhoneNumber("+15550009999"),
                "[SEV1] API down: investigating").setStatusCallback(callback).create(twilio);
    }

    private static TwilioRestClient client(String user) {
        return new TwilioRestClient.Builder(user, "token").accountSid(ACCOUNT_SID)
                .httpClient(new SandboxHttpClient(sandbox.providerEndpoint())).build();
    }

    /** twilio-java's own HTTP client, sending to the sandbox instead of {@code https://api.twilio.com}. */
    private static final class SandboxHttpClient extends NetworkHttpClient {
        private final String baseUrl;

        SandboxHttpClient(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public Response makeRequest(Request request) {
            Request redirected = new Request(request.getMethod(),
                    request.getUrl().replace("https://api.twilio.com", baseUrl));
            if (request.getAuthStrategy() != null) {
                redirected.setAuth(request.getAuthStrategy());
            } else if (request.getUsername() != null) {
                redirected.setAuth(request.getUsername(), request.getPassword());
            }
            request.getPostParams().forEach((name, values) -> values.forEach(v -> redirected.addPostParam(name, v)));
            request.getQueryParams().forEach((name, values) -> values.forEach(v -> redirected.addQueryParam(name, v)));
            request.getHeaderParams().forEach((name, values) -> values.forEach(v -> redirected.addHeaderParam(name, v)));
            if (request.getContentType() != null) {
                redirected.setContentType(request.getContentType());
            }
            return super.makeRequest(redirected);
        }
    }
}
