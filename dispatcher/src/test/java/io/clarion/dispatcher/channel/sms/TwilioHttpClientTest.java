package io.clarion.dispatcher.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/** What the sandbox does not do: a base URL with a path, a 429's Retry-After, and our read timeout. */
class TwilioHttpClientTest {
    private static final String THROTTLED = "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}";

    private final List<String> paths = new CopyOnWriteArrayList<>();
    private DisposableServer server;
    private SmsSender sender;

    @AfterEach
    void stop() {
        sender.destroy();
        server.disposeNow();
    }

    private SmsSender sender(Duration readTimeout) {
        sender = new SmsSender(new SmsProperties("AC1", "tok", "+15550009999", null,
                URI.create("http://127.0.0.1:" + server.port() + "/twilio/"), 1, 10, 4, null, Duration.ofSeconds(1),
                readTimeout));
        return sender;
    }

    private static DeliveryJob job() {
        return new DeliveryJob("b", "INC-1", 1, "r-1", Channel.SMS, new UpdateContent("SEV2", "s", "t", "b"),
                "+15550100001", null, null);
    }

    @Test
    void aThrottledAnswerIsRetriedAfterTwiliosRetryAfterAtTheConfiguredPath() {
        server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
            paths.add(request.uri());
            return request.receive().then(response.status(429).header("Retry-After", "7")
                    .header("Content-Type", "application/json").sendString(Mono.just(THROTTLED))
                    .then());
        }).bindNow();

        sender(Duration.ofSeconds(5)).send(job()).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.RetryLater(Duration.ofSeconds(7), "twilio:20429")).verifyComplete();
        assertThat(paths).containsExactly("/twilio/2010-04-01/Accounts/AC1/Messages.json");
    }

    @Test
    void aSlowTwilioTimesOutAsRetryLater() {
        server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> request.receive()
                .then(Mono.delay(Duration.ofSeconds(3))).then(response.status(201).send()))
                .bindNow();

        sender(Duration.ofMillis(300)).send(job()).as(StepVerifier::create)
                .expectNext(DeliveryOutcome.RetryLater.backoff("twilio:timeout")).expectComplete()
                .verify(Duration.ofSeconds(2));
    }
}
