package io.clarion.devstack.sandbox;

import static io.clarion.devstack.process.LoopbackPorts.HOST;
import static java.util.Objects.requireNonNull;

import io.clarion.devstack.process.BindAddress;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.resources.LoopResources;

/**
 * The provider sandbox: an HTTP server (on 127.0.0.1 unless given a host) that speaks the providers'
 * protocols as their real SDKs call them, receives what Clarion sends and keeps it in an inbox,
 * readable over HTTP ({@code GET /sandbox/messages}, {@code GET /sandbox/stats},
 * {@code DELETE /sandbox/messages}) and from Java ({@link #messages()}). One port serves all of them,
 * over HTTP/1.1 and HTTP/2 cleartext (h2c with prior knowledge, or upgrade):
 * <ul>
 *   <li>email: SES v2 SendEmail {@code POST /v2/email/outbound-emails} and SendBulkEmail
 *       {@code POST /v2/email/outbound-bulk-emails} ({@link SesEndpoint}; point {@code SesV2AsyncClient}'s
 *       {@code endpointOverride} at {@link #baseUrl()}, region us-east-1, any static credentials);</li>
 *   <li>sms: Twilio {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} ({@link TwilioEndpoint});</li>
 *   <li>push: FCM HTTP v1 {@code POST /v1/projects/{project}/messages:send} with its OAuth2 token endpoint
 *       {@code POST /token} ({@link FcmEndpoint}), and APNs {@code POST /3/device/{token}} over h2c
 *       ({@link ApnsEndpoint});</li>
 *   <li>webhook: {@code POST /webhooks/{anything}} ({@link WebhookReceiver}).</li>
 * </ul>
 * Authentication is checked for its shape only (SigV4 header, basic auth user, JWT header and claims):
 * no signature is verified.
 *
 * <p>Promises: an accepted message is in the inbox before the response is sent; a refused one
 * (injected fault, throttling, bad auth, invalid request) never is, and is counted in
 * {@code GET /sandbox/stats}'s {@code rejected}; messages are listed in arrival order; taking 100,000
 * messages costs no more per message than taking ten; any other request gets a 404 problem detail
 * listing what the sandbox serves. The server has its own event loop (two threads), so it does
 * not compete with the application's loops for tasks, only for CPU.
 */
public final class ProviderSandbox implements AutoCloseable {

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int H2C_UPGRADE_MAX_BODY = 8 * 1024 * 1024;

    private final Inbox inbox;
    private final Faults faults;
    private final LoopResources loops;
    private final DisposableServer server;
    private final String urlHost;

    private ProviderSandbox(Inbox inbox, Faults faults, LoopResources loops, DisposableServer server, String urlHost) {
        this.inbox = inbox;
        this.faults = faults;
        this.loops = loops;
        this.server = server;
        this.urlHost = urlHost;
    }

    /** Starts the sandbox on a free port. */
    public static ProviderSandbox start() {
        return start(0);
    }

    /** Starts the sandbox on {@code port}, or on a free port when {@code port} is 0. */
    public static ProviderSandbox start(int port) {
        return start(HOST, port);
    }

    /**
     * Starts the sandbox on {@code host:port} ({@code 0.0.0.0} in a container, where the applications
     * reach it over the network), or on a free port when {@code port} is 0.
     */
    public static ProviderSandbox start(String host, int port) {
        return start(host, port, 0);
    }

    /**
     * Starts the sandbox on {@code host:port} (a free port when {@code port} is 0), keeping only the newest
     * {@code keep} messages (0: all of them); the counts of {@code /sandbox/stats} always count every message.
     */
    public static ProviderSandbox start(String host, int port, int keep) {
        requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535, 0 for a free port)");
        }
        Inbox inbox = new Inbox(keep);
        Faults faults = new Faults();
        List<SandboxChannel> channels = List.of(new WebhookReceiver(inbox, faults), new SesEndpoint(inbox, faults),
                new TwilioEndpoint(inbox, faults), new FcmEndpoint(inbox, faults), new ApnsEndpoint(inbox, faults),
                new InboxPage(inbox));
        InboxEndpoints endpoints = new InboxEndpoints(inbox);
        LoopResources loops = LoopResources.create("clarion-sandbox", 2, true);
        try {
            DisposableServer server = HttpServer.create()
                    .host(host)
                    .port(port)
                    .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                    // an HTTP/1.1 request asking to upgrade to h2c (java.net.http does on its first request) may
                    // carry a body: buffer up to this much instead of refusing it with 413
                    .httpRequestDecoder(spec -> spec.h2cMaxContentLength(H2C_UPGRADE_MAX_BODY))
                    .runOn(loops)
                    .route(routes -> addRoutes(routes, channels, endpoints, faults))
                    .bindNow(BIND_TIMEOUT);
            return new ProviderSandbox(inbox, faults, loops, server, BindAddress.urlHost(host));
        } catch (RuntimeException e) {
            loops.dispose();
            throw new IllegalStateException("provider sandbox cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}, or the address it listens on when that is a specific one */
    public String baseUrl() {
        return "http://" + urlHost + ":" + port();
    }

    /**
     * The endpoint to give every provider client: SES v2's {@code endpointOverride}, Twilio's API base
     * (instead of {@code https://api.twilio.com}), FCM's and APNs' base URL. Same as {@link #baseUrl()}.
     */
    public String providerEndpoint() {
        return baseUrl();
    }

    /** The OAuth2 token URI to put in an FCM service account ({@code token_uri}) and its JWTs' {@code aud}. */
    public String fcmTokenUri() {
        return baseUrl() + FcmEndpoint.TOKEN_PATH;
    }

    /** The URL to give a recipient as its webhook endpoint. */
    public String webhookUrl(String recipientId) {
        return baseUrl() + WebhookReceiver.PATH_PREFIX + requireNonNull(recipientId, "recipientId");
    }

    /** Every message received since start or the last {@link #clear()}, in arrival order. */
    public List<SandboxMessage> messages() {
        return inbox.messages();
    }

    /** The messages of one channel ({@code webhook}, {@code email}, {@code sms}, {@code push}). */
    public List<SandboxMessage> messages(String channel) {
        requireNonNull(channel, "channel");
        return inbox.messages(message -> message.channel().equals(channel));
    }

    /**
     * Hands every message received from now on to {@code observer}, kept in the inbox or not: how a long run (a
     * benchmark of a million messages) sees each one without the sandbox keeping them all ({@link #start(String, int,
     * int)}'s {@code keep}). Called on the sandbox's I/O threads, concurrently: the observer must be thread-safe and
     * must not block.
     */
    public void observe(Consumer<SandboxMessage> observer) {
        inbox.observe(observer);
    }

    /** The faults injected per channel: latency, error rate and error code, rate cap, down, one destination only. */
    public Faults faults() {
        return faults;
    }

    /** Empties the inbox and resets the per-channel counts. */
    public void clear() {
        inbox.clear();
    }

    public void stop() {
        if (server.isDisposed()) {
            return;
        }
        server.disposeNow(STOP_TIMEOUT);
        loops.disposeLater().block(STOP_TIMEOUT);
    }

    @Override
    public void close() {
        stop();
    }

    private static void addRoutes(HttpServerRoutes routes, List<SandboxChannel> channels, InboxEndpoints endpoints,
                                  Faults faults) {
        channels.forEach(channel -> channel.addRoutes(routes));
        endpoints.addRoutes(routes);
        faults.addRoutes(routes);
        routes.route(request -> true, ProviderSandbox::notFound);
    }

    private static Publisher<Void> notFound(HttpServerRequest request, HttpServerResponse response) {
        String path = new QueryStringDecoder(request.uri()).path();
        return JsonReplies.problem(response, HttpResponseStatus.NOT_FOUND, "no route for " + request.method() + " "
                + path + " (the sandbox serves: POST /webhooks/{anything}, POST /v2/email/outbound-emails, "
                + "POST /v2/email/outbound-bulk-emails, POST /2010-04-01/Accounts/{AccountSid}/Messages.json, "
                + "POST /token, POST /v1/projects/{project}/messages:send, POST /3/device/{token}, "
                + "GET /sandbox (inbox page), GET /sandbox/messages/{index}, GET /sandbox/messages, "
                + "DELETE /sandbox/messages, GET /sandbox/stats, "
                + "GET|PUT|DELETE /sandbox/faults[/{channel}])");
    }

    @Override
    public String toString() {
        return "ProviderSandbox[" + baseUrl() + "]";
    }
}
