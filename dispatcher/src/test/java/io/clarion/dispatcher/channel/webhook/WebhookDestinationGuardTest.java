package io.clarion.dispatcher.channel.webhook;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.UpdateContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** The SSRF guard against a real listener: a refused destination never sees a connection. */
class WebhookDestinationGuardTest {
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket listener; // on every local address (IPv4 and IPv6 loopback alike), counting connections
    private WebhookSender sender;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0);
        Thread counter = new Thread(this::countConnections, "connection-counter");
        counter.setDaemon(true);
        counter.start();
        // 127.0.0.1 is allowed on another port only: the port is part of the rule
        sender = new WebhookSender(JsonMapper.builder().build(), new WebhookProperties(Duration.ofSeconds(1),
                Duration.ofSeconds(2), 10, DataSize.ofKilobytes(64), List.of("127.0.0.1:" + (listener.getLocalPort() + 1))));
    }

    @AfterEach
    void close() throws IOException {
        sender.close();
        listener.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:%d/", "http://2130706433:%d/", "http://0177.0.0.1:%d/",
            "http://0x7f.0.0.1:%d/", "http://0x7f000001:%d/", "http://127.1:%d/", "http://127.0.0.1.:%d/",
            "http://0:%d/", "http://[::ffff:127.0.0.1]:%d/", "http://[::1]:%d/", "http://[::]:%d/",
            "http://localhost:%d/", "http://LOCALHOST:%d/hook", "http://localhost.:%d/", "https://localhost:%d/"})
    void aLoopbackDestinationInAnyFormIsRefusedWithoutConnecting(String url) throws InterruptedException {
        sender.send(job(url.formatted(listener.getLocalPort()))).as(StepVerifier::create)
                .assertNext(outcome -> assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Undeliverable.class,
                        undeliverable -> assertThat(undeliverable.reason()).startsWith("webhook:destination-refused: ")))
                .verifyComplete();

        Thread.sleep(50);
        assertThat(connections).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://127.0.0.1:%d/", "file:///etc/passwd?%d", "gopher://127.0.0.1:%d/", "/relative/%d"})
    void aUrlThatIsNotHttpIsRefused(String url) {
        sender.send(job(url.formatted(listener.getLocalPort()))).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Undeliverable("webhook:destination-refused: scheme"))
                .verifyComplete();
        assertThat(connections).hasValue(0);
    }

    @Test
    void theRefusalNamesTheRule() {
        sender.send(job("http://127.0.0.1:" + listener.getLocalPort() + "/")).as(StepVerifier::create)
                .expectNext(new DeliveryOutcome.Undeliverable("webhook:destination-refused: loopback"))
                .verifyComplete();
    }

    @Test
    void anEndlessResponseBodyIsReadOnlyUpToTheLimitThenTheConnectionIsClosed() throws Exception {
        try (ServerSocket endless = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> streamForever(endless, written));
            WebhookSender limited = new WebhookSender(JsonMapper.builder().build(), new WebhookProperties(
                    Duration.ofSeconds(1), Duration.ofSeconds(5), 10, DataSize.ofKilobytes(64),
                    List.of("127.0.0.1:" + endless.getLocalPort())));

            limited.send(job("http://127.0.0.1:" + endless.getLocalPort() + "/endless")).as(StepVerifier::create)
                    .expectNext(new DeliveryOutcome.Sent())
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));

            server.get(5, TimeUnit.SECONDS); // the server stops writing: the connection was closed
            assertThat(written.get()).as("bytes the receiver could write before the connection closed")
                    .isLessThan(16L << 20);
            limited.close();
        }
    }

    /** Answers 200 with a chunked body that would go on for 1 GiB, counting what it manages to write. */
    private static void streamForever(ServerSocket endless, AtomicLong written) {
        try (Socket socket = endless.accept(); OutputStream out = socket.getOutputStream()) {
            InputStream in = socket.getInputStream();
            in.read(new byte[64 * 1024]); // the request (small)
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(US_ASCII));
            byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(US_ASCII);
            while (written.get() < (1L << 30)) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // the client closed the connection: what we expect
        }
    }

    private void countConnections() {
        while (!listener.isClosed()) {
            try (Socket ignored = listener.accept()) {
                connections.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static DeliveryJob job(String url) {
        return new DeliveryJob("b", "INC-7", 4, "r-1", Channel.WEBHOOK,
                new UpdateContent("SEV2", "monitoring", "Checkout errors", "A fix is deployed."), url,
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "test");
    }
}
