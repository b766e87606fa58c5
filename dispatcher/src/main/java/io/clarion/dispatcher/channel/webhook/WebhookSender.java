package io.clarion.dispatcher.channel.webhook;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.webhook.WebhookSignature;
import io.clarion.dispatcher.channel.ChannelSender;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends Standard Webhooks: {@code webhook-id} is the delivery's stable message id (the same on every
 * retry), {@code webhook-signature} signs {@code id.timestamp.body} with the recipient's secret.
 * Redirects are not followed and response bodies are discarded unread. 5xx, 429, timeouts and
 * connection errors are retried up to {@code max-attempts} with jittered backoff, then fail.
 */
@Component
class WebhookSender implements ChannelSender {
    private final WebClient client;
    private final JsonMapper json;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookSender(JsonMapper json, WebhookProperties properties) {
        HttpClient http = HttpClient.create(ConnectionProvider.builder("webhooks")
                        .maxConnections(properties.maxConnections()).pendingAcquireMaxCount(-1).build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.responseTimeout())
                .followRedirect(false);
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        this.json = json;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Mono<DeliveryOutcome> send(DeliveryJob job) {
        return Mono.defer(() -> post(job))
                .retryWhen(Retry.backoff(properties.maxAttempts() - 1, properties.firstBackoff())
                        .filter(WebhookSender::isTransient))
                .onErrorResume(e -> Exceptions.isRetryExhausted(e) || isTransient(e),
                        e -> Mono.just(new DeliveryOutcome.Failed(describe(e))));
    }

    private Mono<DeliveryOutcome> post(DeliveryJob job) {
        Instant now = clock.instant();
        String body = json.writeValueAsString(WebhookPayload.of(job, now));
        String id = job.messageId();
        return client.post().uri(job.destination())
                .contentType(MediaType.APPLICATION_JSON)
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(now.getEpochSecond()))
                .header("webhook-signature", WebhookSignature.sign(job.secret(), id, now.getEpochSecond(), body))
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .flatMap(WebhookSender::outcome);
    }

    private static Mono<DeliveryOutcome> outcome(HttpStatusCode status) {
        if (status.is2xxSuccessful()) {
            return Mono.just(new DeliveryOutcome.Sent());
        }
        if (status.is5xxServerError() || status.value() == 429) {
            return Mono.error(new TransientResponse(status.value()));
        }
        return Mono.just(new DeliveryOutcome.Failed("http " + status.value()));
    }

    private static boolean isTransient(Throwable e) {
        return e instanceof TransientResponse || e instanceof WebClientRequestException || e instanceof TimeoutException
                || e.getCause() instanceof TimeoutException;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof TransientResponse transientResponse) {
            return "http " + transientResponse.status;
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** A response worth trying again; carried as an error only inside the retry loop. */
    private static final class TransientResponse extends RuntimeException {
        private final int status;

        TransientResponse(int status) {
            super("http " + status, null, false, false);
            this.status = status;
        }
    }
}
