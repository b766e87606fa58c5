package io.clarion.dispatcher.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.webhook.WebhookSignature;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class WebhookSenderTest {
    private static final String SECRET = "whsec_c2VjcmV0";

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailableCalls = new AtomicInteger();
    private DisposableServer server;
    private WebhookSender sender;

    @BeforeEach
    void startReceiver() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .post("/ok", (request, response) -> request.receive().aggregate().asString().flatMap(body -> {
                    received.add(Map.of("id", request.requestHeaders().get("webhook-id"),
                            "timestamp", request.requestHeaders().get("webhook-timestamp"),
                            "signature", request.requestHeaders().get("webhook-signature"), "body", body));
                    return response.status(204).send().then();
                }))
                .post("/unavailable", (request, response) -> request.receive().then(Mono.defer(() -> {
                    unavailableCalls.incrementAndGet();
                    received.add(Map.of("id", request.requestHeaders().get("webhook-id")));
                    return response.status(503).send().then();
                })))
                .post("/redirect", (request, response) -> request.receive().then(
                        response.status(302).header("Location", "/ok").send().then()))
                .post("/gone", (request, response) -> request.receive().then(response.status(404).send().then())))
                .bindNow();
        sender = new WebhookSender(json, new WebhookProperties(Duration.ofSeconds(1), Duration.ofSeconds(2), 3,
                Duration.ofMillis(10), 10));
    }

    @AfterEach
    void stopReceiver() {
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
    void retriesUnavailableReceiversWithTheSameIdThenFails() {
        sender.send(job("/unavailable")).as(StepVerifier::create)
                .assertNext(outcome -> assertThat(outcome).isEqualTo(new DeliveryOutcome.Failed("http 503")))
                .verifyComplete();

        assertThat(unavailableCalls).hasValue(3);
        assertThat(received).extracting(m -> m.get("id")).containsOnly(job("/unavailable").messageId());
    }

    @Test
    void doesNotFollowRedirects() {
        sender.send(job("/redirect")).as(StepVerifier::create)
                .assertNext(outcome -> assertThat(outcome).isEqualTo(new DeliveryOutcome.Failed("http 302")))
                .verifyComplete();
        assertThat(received).isEmpty();
    }

    @Test
    void aClientErrorFailsWithoutRetrying() {
        sender.send(job("/gone")).as(StepVerifier::create)
                .assertNext(outcome -> assertThat(outcome).isEqualTo(new DeliveryOutcome.Failed("http 404")))
                .verifyComplete();
    }

    @Test
    void anUnreachableReceiverFailsWithTheReason() {
        DeliveryJob job = new DeliveryJob("b", "INC-7", 4, "r-1", Channel.WEBHOOK, content(),
                "http://127.0.0.1:1/nothing-listens", SECRET, "test");

        sender.send(job).as(StepVerifier::create)
                .assertNext(outcome -> assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class,
                        failed -> assertThat(failed.reason()).containsIgnoringCase("connect")))
                .verifyComplete();
    }

    private DeliveryJob job(String path) {
        return new DeliveryJob("b", "INC-7", 4, "r-1", Channel.WEBHOOK, content(),
                "http://127.0.0.1:" + server.port() + path, SECRET, "test");
    }

    private static UpdateContent content() {
        return new UpdateContent("SEV2", "monitoring", "Checkout errors", "A fix is deployed; we are watching.");
    }
}
