package io.clarion.dispatcher.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.webhook.WebhookSignature;
import io.clarion.devstack.sandbox.ProviderSandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class WebhookSenderTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailableCalls = new AtomicInteger();
    private DisposableServer server;
    private WebhookSender sender;

    @BeforeEach
    void startReceiver() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .post("/ok", (request, response) -> request.receive().aggregate().asString().flatMap(body -> {
                    received.add(Map.of("uri", request.uri(), "id", request.requestHeaders().get("webhook-id"),
                            "timestamp", request.requestHeaders().get("webhook-timestamp"),
                            "signature", request.requestHeaders().get("webhook-signature"), "body", body));
                    return response.status(204).send().then();
                }))
                .post("/unavailable", (request, response) -> request.receive().then(Mono.defer(() -> {
                    unavailableCalls.incrementAndGet();
                    return response.status(503).header("Retry-After", "7").sendString(Mono.just("down")).then();
                })))
                .post("/throttled", (request, response) -> request.receive().then(response.status(429).send().then()))
                .post("/request-timeout", (request, response) -> request.receive().then(response.status(408).send().then()))
                .post("/redirect", (request, response) -> request.receive().then(
                        response.status(302).header("Location", "/ok").send().then()))
                .post("/gone", (request, response) -> request.receive().then(response.status(410).send().then()))
                .post("/not-found", (request, response) -> request.receive().then(response.status(404).send().then())))
                .bindNow();
        sender = sender("127.0.0.1:" + server.port());
    }

    @AfterEach
    void stopReceiver() {
        sender.close();
        server.disposeNow();
    }

    @Test
    void sendsASignedStandardWebhookCarryingTheVersion() {
        DeliveryJob job = job("/ok");

        sender.send(job).as(StepVerifier::create)
                .assertNext(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.Sent.class))
                .verifyComplete();

        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.get("id")).isEqualTo(job.messageId());
            assertThat(WebhookSignature.verify(SECRET, message.get("id"), Long.parseLong(message.get("timestamp")),
                    message.get("body"), message.get("signature"))).isTrue();
            @SuppressWarnings("unchecked")
            Map<String, Object> body = json.readValue(message.get("body"), Map.class);
            assertThat(body).containsEntry("type", "incident.update").containsEntry("incidentId", "INC-7")
                    .containsEntry("version", 4).containsEntry("recipientId", "r-1")
                    .containsEntry("status", "monitoring").containsKey("sentAt");
        });
    }

    @Test
    void theRequestGoesToThePathAndQueryAsWritten() {
        sender.send(job("/ok?team=a%20b&next=%2Fstatus")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Sent()).verifyComplete();

        assertThat(received).singleElement()
                .satisfies(message -> assertThat(message.get("uri")).isEqualTo("/ok?team=a%20b&next=%2Fstatus"));
    }

    @Test
    void aHostNameThatJavasUriDoesNotTakeIsStillLookedUp() {
        WebhookSender anywhere = sender();
        DeliveryJob job = new DeliveryJob("b", "INC-7", 4, "r-1", Channel.WEBHOOK, content(),
                "http://no_such_host.invalid:" + server.port() + "/ok", SECRET, "test");

        anywhere.send(job).as(StepVerifier::create)
                .assertNext(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryLater.class))
                .verifyComplete();
        anywhere.close();
    }

    @Test
    void anUnavailableReceiverIsTriedOnceAndRetriedLaterAfterItsRetryAfter() {
        sender.send(job("/unavailable")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.RetryLater(Duration.ofSeconds(7), "http 503"))
                .verifyComplete();

        assertThat(unavailableCalls).hasValue(1);
    }

    @Test
    void aThrottlingReceiverWithoutRetryAfterIsRetriedWithTheChannelBackoff() {
        sender.send(job("/throttled")).as(StepVerifier::create)
                .expectNext(DeliveryOutcome.RetryLater.backoff("http 429"))
                .verifyComplete();
    }

    @Test
    void aRequestTimeoutIsRetriedWithTheChannelBackoff() {
        sender.send(job("/request-timeout")).as(StepVerifier::create)
                .expectNext(DeliveryOutcome.RetryLater.backoff("http 408"))
                .verifyComplete();
    }

    @Test
    void doesNotFollowRedirects() {
        sender.send(job("/redirect")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Failed("http 302: redirects are not followed"))
                .verifyComplete();
        assertThat(received).isEmpty();
    }

    @Test
    void goneMeansTheEndpointIsUndeliverable() {
        sender.send(job("/gone")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Undeliverable("http 410"))
                .verifyComplete();
    }

    @Test
    void anotherClientErrorFailsTheMessage() {
        sender.send(job("/not-found")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Failed("http 404"))
                .verifyComplete();
    }

    @Test
    void aSecretStoredBeforeTheRuleIsUndeliverableAndNothingIsSent() {
        DeliveryJob job = new DeliveryJob("b", "INC-7", 4, "r-1", Channel.WEBHOOK, content(),
                "http://127.0.0.1:" + server.port() + "/ok", "whsec_", "test");

        sender.send(job).as(StepVerifier::create)
                .assertNext(outcome -> assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Undeliverable.class,
                        undeliverable -> assertThat(undeliverable.reason()).startsWith("webhook:secret-invalid: ")))
                .verifyComplete();
        assertThat(received).isEmpty();
    }

    @Test
    void anUnreachableAllowListedReceiverIsRetriedLater() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        WebhookSender unreachable = sender("127.0.0.1:" + closedPort);
        DeliveryJob job = new DeliveryJob("b", "INC-7", 4, "r-1", Channel.WEBHOOK, content(),
                "http://127.0.0.1:" + closedPort + "/nothing-listens", SECRET, "test");

        unreachable.send(job).as(StepVerifier::create)
                .expectNext(DeliveryOutcome.RetryLater.backoff("webhook:connect-failed"))
                .verifyComplete();
        unreachable.close();
    }

    @Test
    void theSandboxIsReachableWhenAllowListed() {
        try (ProviderSandbox sandbox = ProviderSandbox.start()) {
            WebhookSender toSandbox = sender("127.0.0.1:" + sandbox.port());
            DeliveryJob job = new DeliveryJob("b", "INC-7", 4, "r-1", Channel.WEBHOOK, content(),
                    sandbox.webhookUrl("r-1"), SECRET, "test");

            toSandbox.send(job).as(StepVerifier::create).expectNext(new DeliveryOutcome.Sent()).verifyComplete();

            assertThat(sandbox.messages("webhook")).singleElement()
                    .satisfies(message -> assertThat(message.messageId()).isEqualTo(job.messageId()));
            toSandbox.close();
        }
    }

    private WebhookSender sender(String... allow) {
        return new WebhookSender(json, new WebhookProperties(Duration.ofSeconds(1), Duration.ofSeconds(2), 10,
                DataSize.ofKilobytes(64), List.of(allow)));
    }

    private DeliveryJob job(String path) {
        return new DeliveryJob("b", "INC-7", 4, "r-1", Channel.WEBHOOK, content(),
                "http://127.0.0.1:" + server.port() + path, SECRET, "test");
    }

    private static UpdateContent content() {
        return new UpdateContent("SEV2", "monitoring", "Checkout errors", "A fix is deployed; we are watching.");
    }
}
