package io.clarion.dispatcher.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.devstack.sandbox.Fault;
import io.clarion.devstack.sandbox.ProviderSandbox;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

/** The SMS sender against the provider sandbox's Twilio endpoint, through the real twilio-java SDK. */
class SmsSenderTest {
    private static final String ACCOUNT = "AC00000000000000000000000000000001";
    private static final String FROM = "+15550009999";
    private static final String TO = "+15550100001";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ProviderSandbox sandbox;
    private SmsSender sender;

    @BeforeAll
    static void startSandbox() {
        sandbox = ProviderSandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @AfterEach
    void reset() {
        if (sender != null) {
            sender.destroy();
        }
        sandbox.faults().clear();
        sandbox.clear();
    }

    private SmsSender sender(int threads, int queue) {
        sender = new SmsSender(new SmsProperties(ACCOUNT, "secret-token", FROM, null,
                URI.create(sandbox.providerEndpoint()), threads, queue, 4,
                URI.create("https://clarion.example/twilio/status"), Duration.ofSeconds(2), Duration.ofSeconds(5)));
        return sender;
    }

    private static DeliveryJob job(String recipient, String destination, String body) {
        return new DeliveryJob("b-1", "INC-42", 3, recipient, Channel.SMS,
                new UpdateContent("SEV1", "identified", "API errors", body), destination, null, "acme");
    }

    @Test
    void aSendReachesTheSandboxInboxWithItsMetadata() {
        DeliveryJob job = job("r-17", TO, "Fix rolling out.");

        sender(2, 10).send(job).as(StepVerifier::create).expectNext(new DeliveryOutcome.Sent()).verifyComplete();

        List<SandboxMessage> inbox = sandbox.messages("sms");
        assertThat(inbox).singleElement().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo("r-17");
            assertThat(message.incidentId()).isEqualTo("INC-42");
            assertThat(message.version()).isEqualTo(3L);
            assertThat(message.messageId()).isEqualTo(job.messageId());
            assertThat(message.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
            assertThat(message.body()).contains("\"to\":\"" + TO + "\"", "\"from\":\"" + FROM + "\"",
                    "[SEV1] API errors (identified): Fix rolling out. (v3)");
            assertThat(message.headers().get("status-callback"))
                    .startsWith("https://clarion.example/twilio/status?recipient=r-17&incident=INC-42&version=3");
        });
    }

    @Test
    void anInvalidNumberIsUndeliverable() {
        sandbox.faults().set("sms", Fault.failing("21211"));

        sender(2, 10).send(job("r-1", TO, "x")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Undeliverable("twilio:21211")).verifyComplete();
        assertThat(sandbox.messages("sms")).isEmpty();
    }

    @Test
    void aNumberThatIsNotE164IsUndeliverableAsTwilioAnswers() {
        sender(2, 10).send(job("r-1", "555-0100", "x")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Undeliverable("twilio:21211")).verifyComplete();
    }

    @Test
    void throttlingIsRetriedLater() {
        sandbox.faults().set("sms", Fault.failing("20429"));

        sender(2, 10).send(job("r-1", TO, "x")).as(StepVerifier::create)
                .expectNext(DeliveryOutcome.RetryLater.backoff("twilio:20429")).verifyComplete();
    }

    @Test
    void anOutageIsRetriedLaterAfterExactlyOneRequest() {
        sandbox.faults().set("sms", Fault.outage());
        AtomicInteger requests = new AtomicInteger();
        sender(2, 10).http().beforeRequest = request -> requests.incrementAndGet();

        sender.send(job("r-1", TO, "x")).as(StepVerifier::create)
                .expectNext(DeliveryOutcome.RetryLater.backoff("twilio:20503")).verifyComplete();
        assertThat(requests).hasValue(1);
    }

    @Test
    void aMessageOverMaxSegmentsIsSuppressedWithoutCallingTwilio() {
        AtomicInteger requests = new AtomicInteger();
        sender(2, 10).http().beforeRequest = request -> requests.incrementAndGet();

        sender.send(job("r-1", TO, "é".repeat(10) + "ж".repeat(300))).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Suppressed("sms-too-long: 6 segments > 4")).verifyComplete();
        assertThat(requests).hasValue(0);
        assertThat(sandbox.messages("sms")).isEmpty();
    }

    @Test
    void twilioBlocksOnlyTwilioThreadsWhenCalledFromParallelOrAnEventLoop() {
        AtomicReference<Thread> sending = new AtomicReference<>();
        sender(2, 10).http().beforeRequest = request -> sending.set(Thread.currentThread());

        AtomicReference<Thread> caller = new AtomicReference<>();
        Mono.defer(() -> {
            caller.set(Thread.currentThread());
            return sender.send(job("r-1", TO, "x"));
        }).subscribeOn(Schedulers.parallel()).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Sent()).expectComplete().verify(WAIT);
        assertThat(Schedulers.isNonBlockingThread(caller.get())).isTrue();
        assertTwilioThread(sending.getAndSet(null));

        HttpClient.create().get().uri(sandbox.baseUrl() + "/sandbox/stats").responseContent().aggregate().asString()
                .flatMap(stats -> {
                    caller.set(Thread.currentThread());
                    return sender.send(job("r-2", TO, "x"));
                })
                .as(StepVerifier::create).expectNext(new DeliveryOutcome.Sent()).expectComplete().verify(WAIT);
        assertThat(caller.get().getName()).startsWith("reactor-http-"); // -nio, -epoll or -kqueue event loop
        assertThat(Schedulers.isNonBlockingThread(caller.get())).isTrue();
        assertTwilioThread(sending.get());
    }

    private static void assertTwilioThread(Thread thread) {
        assertThat(thread).isNotNull();
        assertThat(thread.getName()).startsWith("twilio-").doesNotContain("reactor-http", "parallel");
        assertThat(Schedulers.isNonBlockingThread(thread)).isFalse();
    }

    @Test
    void aFullQueueIsRetriedLaterNotAnError() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sender(1, 1).http().beforeRequest = request -> {
            entered.countDown();
            await(release);
        };

        AtomicReference<DeliveryOutcome> first = new AtomicReference<>();
        AtomicReference<DeliveryOutcome> second = new AtomicReference<>();
        sender.send(job("r-1", TO, "x")).subscribe(first::set);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        sender.send(job("r-2", TO, "x")).subscribe(second::set);

        sender.send(job("r-3", TO, "x")).as(StepVerifier::create)
                .expectNext(DeliveryOutcome.RetryLater.backoff("twilio-queue-full")).expectComplete().verify(WAIT);

        release.countDown();
        Mono.delay(Duration.ofMillis(50)).repeat(() -> second.get() == null).blockLast(WAIT);
        assertThat(first.get()).isEqualTo(new DeliveryOutcome.Sent());
        assertThat(second.get()).isEqualTo(new DeliveryOutcome.Sent());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
