package io.clarion.dispatcher.channel.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.webhook.WebhookSecret;
import io.clarion.core.webhook.WebhookSignature;
import io.clarion.dispatcher.channel.ChannelSender;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.transport.NameResolverProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends Standard Webhooks, one attempt per call: {@code webhook-id} is the delivery's stable message id
 * (the same on every retry), {@code webhook-signature} signs {@code id.timestamp.body} with the
 * recipient's secret. Only http/https URLs, and only to addresses the {@link GuardedResolverGroup} lets
 * through (checked on the resolved address, before connecting); redirects are not followed. At most
 * {@code max-response-body} bytes of an answer are read: past that the connection is closed, so an
 * endless body holds neither memory nor the connection. Answers map as {@link WebhookResponses} says. A stored
 * secret that breaks core's {@code WebhookSecret} rule (e.g. {@code whsec_} alone) makes the contact point
 * undeliverable ({@code webhook:secret-invalid: ...}) unsent.
 */
@Component
class WebhookSender implements ChannelSender, AutoCloseable {
    private final HttpClient http;
    private final GuardedResolverGroup resolver;
    private final JsonMapper json;
    private final long maxResponseBody;
    private final Clock clock;

    WebhookSender(JsonMapper json, WebhookProperties properties) {
        this.resolver = new GuardedResolverGroup(NameResolverProvider.builder().build()
                .newNameResolverGroup(HttpResources.get(), LoopResources.DEFAULT_NATIVE), properties.addressPolicy());
        this.http = HttpClient.create(ConnectionProvider.builder("webhooks")
                        .maxConnections(properties.maxConnections()).pendingAcquireMaxCount(-1).build())
                .resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.responseTimeout())
                .followRedirect(false)
                .disableRetry(true); // one attempt per call: the pipeline retries through its retry topic
        this.json = json;
        this.maxResponseBody = properties.maxResponseBody().toBytes();
        this.clock = Clock.systemUTC();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public String archived(DeliveryJob job) {
        WebhookPayload.Message message = WebhookPayload.message(job);
        return message.title() + '\u0000' + message.body();
    }

    /** No circuit breaker: every endpoint is its own receiver. */
    @Override
    public String account(DeliveryJob job) {
        return null;
    }

    @Override
    public Mono<DeliveryOutcome> send(DeliveryJob job) {
        Destination destination = Destination.of(job.destination());
        if (destination.refused() != null) {
            return Mono.just(new DeliveryOutcome.Undeliverable("webhook:destination-refused: " + destination.refused()));
        }
        Optional<String> badSecret = WebhookSecret.problem(job.secret());
        if (badSecret.isPresent()) { // stored before the API checked secrets: cannot be signed, never will be
            return Mono.just(new DeliveryOutcome.Undeliverable("webhook:secret-invalid: " + badSecret.get()));
        }
        return Mono.defer(() -> post(job, destination))
                .onErrorResume(e -> WebhookResponses.ofError(e) != null, e -> Mono.just(WebhookResponses.ofError(e)));
    }

    private Mono<DeliveryOutcome> post(DeliveryJob job, Destination destination) {
        Instant now = clock.instant();
        String body = json.writeValueAsString(WebhookPayload.of(job, now));
        byte[] bytes = body.getBytes(UTF_8);
        String id = job.messageId();
        String signature = WebhookSignature.sign(job.secret(), id, now.getEpochSecond(), body);
        return destination.requestTo(http.post())
                .send((request, out) -> {
                    request.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(bytes.length))
                            .header("webhook-id", id)
                            .header("webhook-timestamp", String.valueOf(now.getEpochSecond()))
                            .header("webhook-signature", signature);
                    return out.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes)));
                })
                .responseConnection(this::outcome)
                .single();
    }

    private Mono<DeliveryOutcome> outcome(HttpClientResponse response, Connection connection) {
        DeliveryOutcome outcome = WebhookResponses.of(response.status().code(),
                response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER), clock.instant());
        return readAtMostTheLimit(connection).thenReturn(outcome);
    }

    /** Reads the body up to {@code max-response-body} and discards it; past the limit the connection is closed. */
    private Mono<Void> readAtMostTheLimit(Connection connection) {
        AtomicLong read = new AtomicLong();
        return connection.inbound().receive()
                .takeUntil(buffer -> read.addAndGet(buffer.readableBytes()) >= maxResponseBody)
                .then(Mono.fromRunnable(() -> {
                    if (read.get() >= maxResponseBody) {
                        connection.dispose();
                    }
                }));
    }

    /**
     * A webhook URL, parsed once: the URI the request goes to, or why it is refused before any connection:
     * {@code scheme} (not http/https) or {@code invalid-url}.
     */
    record Destination(String url, URI uri, String refused) {
        static Destination of(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                return new Destination(url, null, "invalid-url");
            }
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return new Destination(url, null, "scheme");
            }
            return uri.getRawAuthority() == null ? new Destination(url, null, "invalid-url")
                    : new Destination(url, uri, null);
        }

        /**
         * The request to this URL: by the parsed URI (the client parses a string with a regular expression per
         * request), except for a host {@link URI} does not take as one (e.g. with an underscore), which the client
         * reads from the string as before.
         */
        HttpClient.RequestSender requestTo(HttpClient.RequestSender request) {
            return uri.getHost() != null ? request.uri(uri) : request.uri(url);
        }
    }

    @Override
    public void close() {
        resolver.close();
    }
}
