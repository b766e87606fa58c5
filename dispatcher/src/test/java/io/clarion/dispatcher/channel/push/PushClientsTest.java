package io.clarion.dispatcher.channel.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** The FCM and APNs clients against small stub servers that count and inspect what they receive. */
class PushClientsTest {
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger unauthenticatedLeft = new AtomicInteger();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private DisposableServer server;

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @Test
    void manyConcurrentFcmSendsShareOneAccessToken() {
        FcmClient fcm = fcmAgainstStub();

        Flux.range(0, 50).flatMap(i -> fcm.send(job(), "tok-" + i), 50).as(StepVerifier::create)
                .expectNextCount(50).verifyComplete();

        assertThat(tokenRequests).hasValue(1);
        assertThat(seen).hasSize(50).allMatch(authorization -> authorization.equals("Bearer access-1"));
    }

    @Test
    void anUnauthenticatedAnswerDropsTheAccessTokenOnce() {
        FcmClient fcm = fcmAgainstStub();
        unauthenticatedLeft.set(1);

        fcm.send(job(), "tok-1").as(StepVerifier::create)
                .expectNext(DeliveryOutcome.RetryLater.backoff(FcmAnswer.UNAUTHENTICATED)).verifyComplete();
        fcm.send(job(), "tok-1").as(StepVerifier::create).expectNext(new DeliveryOutcome.Sent()).verifyComplete();
        fcm.send(job(), "tok-2").as(StepVerifier::create).expectNext(new DeliveryOutcome.Sent()).verifyComplete();

        assertThat(tokenRequests).hasValue(2);
    }

    @Test
    void apnsSpeaksHttp2CleartextWithPriorKnowledgeAndSignsOneProviderToken() {
        server = HttpServer.create().host("127.0.0.1").port(0).protocol(HttpProtocol.H2C)
                .route(routes -> routes.post("/3/device/{token}", (request, response) -> request.receive().then(
                        Mono.defer(() -> {
                            seen.add(request.version() + " " + request.requestHeaders().get("authorization"));
                            return response.status(200).send().then();
                        }))))
                .bindNow();
        var apns = new PushProperties.Apns("TEAM123456", "KEY1234567", TestKeys.pem(TestKeys.ec()), "io.clarion.app",
                "http://127.0.0.1:" + server.port());
        ApnsClient client = new ApnsClient(apns, HttpClient.create().protocol(HttpProtocol.H2C), json,
                Duration.ofHours(1), Clock.systemUTC());

        Flux.range(0, 10).flatMap(i -> client.send(job(), "dev" + i), 10).as(StepVerifier::create)
                .expectNextCount(10).verifyComplete();

        assertThat(seen).hasSize(10).allMatch(line -> line.startsWith("HTTP/2.0 bearer "));
        assertThat(seen.stream().distinct()).hasSize(1);
    }

    private FcmClient fcmAgainstStub() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .post("/token", (request, response) -> request.receive().aggregate().asString().flatMap(form -> {
                    int n = tokenRequests.incrementAndGet();
                    assertThat(form).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")
                            .contains("assertion=");
                    return response.header("content-type", "application/json")
                            .sendString(Mono.just("{\"access_token\":\"access-" + n
                                    + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")).then();
                }))
                .post("/v1/projects/p/messages:send", (request, response) -> request.receive().then(Mono.defer(() -> {
                    if (unauthenticatedLeft.getAndDecrement() > 0) {
                        return response.status(401).sendString(Mono.just(
                                "{\"error\":{\"code\":401,\"status\":\"UNAUTHENTICATED\"}}")).then();
                    }
                    seen.add(request.requestHeaders().get("authorization"));
                    return response.sendString(Mono.just("{\"name\":\"projects/p/messages/1\"}")).then();
                }))))
                .bindNow();
        String base = "http://127.0.0.1:" + server.port();
        var fcm = new PushProperties.Fcm("p", "sa@p.iam.gserviceaccount.com", null, TestKeys.pem(TestKeys.rsa()),
                base + "/token", base);
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create())).build();
        return new FcmClient(fcm, client, json, Duration.ofHours(1), Clock.systemUTC());
    }

    private static DeliveryJob job() {
        return new DeliveryJob("b-1", "INC-9", 3, "r-1", Channel.PUSH,
                new UpdateContent("SEV3", "monitoring", "Slow logins", "Logins take longer than usual."), "[]", null,
                "acme");
    }
}
