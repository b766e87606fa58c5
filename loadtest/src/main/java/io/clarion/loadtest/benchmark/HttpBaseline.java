package io.clarion.loadtest.benchmark;

import io.clarion.devstack.sandbox.ProviderSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * B_http: a bare reactor-netty client POSTing delivery-sized webhook bodies to the sandbox's webhook
 * receiver, {@value #CONCURRENCY} in flight (Clarion's {@code clarion.delivery.concurrency}) over at
 * most {@value #CONNECTIONS} connections (its {@code clarion.channels.webhook.max-connections}). No
 * signing, no retries, no bookkeeping: what the machine does with HTTP alone.
 */
final class HttpBaseline {
    static final int CONCURRENCY = 256;
    private static final int CONNECTIONS = 500;
    static final String INCIDENT = "BASELINE-HTTP";

    private HttpBaseline() {
    }

    static Measurement run(ProviderSandbox sandbox, int requests) {
        ConnectionProvider pool = ConnectionProvider.builder("baseline-http").maxConnections(CONNECTIONS)
                .pendingAcquireMaxCount(-1).build();
        HttpClient client = HttpClient.create(pool).responseTimeout(Duration.ofSeconds(10));
        Latencies latencies = new Latencies(requests);
        Usage usage = Usage.start();
        Long ok = Flux.range(0, requests)
                .flatMap(i -> post(client, sandbox.webhookUrl("baseline-" + i), body(i), latencies), CONCURRENCY)
                .filter(status -> status == 200).count().block();
        Measurement measurement = usage.measure("B_http (reactor-netty -> sandbox)", ok == null ? 0 : ok,
                usage.elapsedSeconds(), latencies.recorded());
        pool.disposeLater().block();
        return measurement;
    }

    private static Mono<Integer> post(HttpClient client, String url, String body, Latencies latencies) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return client.headers(h -> h.set("content-type", "application/json").set("webhook-id", "msg_" + start)
                            .set("webhook-timestamp", String.valueOf(System.currentTimeMillis() / 1000))
                            .set("webhook-signature", "v1,baseline"))
                    .post().uri(url).send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8,
                            io.netty.buffer.ByteBufAllocator.DEFAULT))
                    .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                    .map(status -> {
                        latencies.record(start);
                        return status;
                    });
        });
    }

    /** The shape and size of a webhook Clarion sends. */
    private static String body(int i) {
        return "{\"type\":\"incident.update\",\"incidentId\":\"" + INCIDENT + "\",\"version\":1,\"severity\":\"SEV1\","
                + "\"status\":\"identified\",\"title\":\"Benchmark: API latency\",\"body\":\"Elevated API latency; a fix "
                + "is being rolled out.\",\"recipientId\":\"baseline-" + i + "\",\"sentAt\":\"2026-11-26T12:00:00Z\"}";
    }
}
