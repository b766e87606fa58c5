package io.clarion.dispatcher.channel.push;

import static java.util.Objects.requireNonNull;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Suppressed;
import io.clarion.core.delivery.DeliveryOutcome.Undeliverable;
import io.clarion.dispatcher.channel.ChannelSender;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an incident update to every device of a recipient (FCM and APNs, at most {@code max-devices}, in
 * parallel), one attempt each; {@link DeviceOutcomes} makes one outcome of theirs: {@code Sent} when any device
 * accepted. A {@code RetryLater} resends to every device, including those that already accepted: apps dedupe on
 * {@code messageId} (FCM data, APNs payload), and APNs replaces the notification with the same
 * {@code apns-collapse-id}. The payload carries incident id, version, recipient id and message id, so apps drop
 * stale updates. A device on a platform without credentials is suppressed ({@code push-platform-not-configured}).
 * On only when FCM's project id or APNs' team id is configured.
 */
@Component
@Conditional(PushConfigured.class)
class PushSender implements ChannelSender {
    static final String FCM = "fcm";
    static final String APNS = "apns";
    static final String PLATFORM_NOT_CONFIGURED = "push-platform-not-configured";

    private final Map<String, PushProvider> providers;
    private final JsonMapper json;
    private final int maxDevices;

    @Autowired
    PushSender(JsonMapper json, PushProperties properties) {
        this(json, properties.maxDevices(), providers(json, properties, Clock.systemUTC()));
    }

    /** With the given providers, keyed by platform ({@code fcm}, {@code apns}): for tests. */
    PushSender(JsonMapper json, int maxDevices, Map<String, PushProvider> providers) {
        this.json = requireNonNull(json, "json");
        this.maxDevices = maxDevices;
        this.providers = Map.copyOf(providers);
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public String archived(DeliveryJob job) {
        Notification notification = Notification.of(job);
        return notification.title() + '\u0000' + notification.body();
    }

    @Override
    public Mono<DeliveryOutcome> send(DeliveryJob job) {
        List<Device> devices = Device.parse(job.destination(), maxDevices, json);
        if (devices == null) {
            return Mono.just(new Undeliverable("push:invalid-destination"));
        }
        if (devices.isEmpty()) {
            return Mono.just(new Suppressed("no-contact-point"));
        }
        return Flux.fromIterable(devices).flatMap(device -> sendTo(job, device), maxDevices)
                .collectList().map(DeviceOutcomes::combine);
    }

    private Mono<DeliveryOutcome> sendTo(DeliveryJob job, Device device) {
        if (!device.isUsable() || !(FCM.equals(device.platform()) || APNS.equals(device.platform()))) {
            return Mono.just(new Undeliverable("push:invalid-device"));
        }
        PushProvider provider = providers.get(device.platform());
        if (provider == null) {
            return Mono.just(new Suppressed(PLATFORM_NOT_CONFIGURED));
        }
        return provider.send(job, device.token());
    }

    /**
     * {@code fcm:<project>} when every device is an FCM device, {@code apns:<team>} when every one is an APNs
     * device; {@code push} when the recipient has both (one breaker for recipients that span both providers).
     */
    @Override
    public String account(DeliveryJob job) {
        List<Device> devices = Device.parse(job.destination(), maxDevices, json);
        Set<String> platforms = devices == null ? Set.of()
                : devices.stream().map(Device::platform).collect(Collectors.toSet());
        PushProvider only = platforms.size() == 1 ? providers.get(platforms.iterator().next()) : null;
        return only == null ? channel().wireName() : only.account();
    }

    private static Map<String, PushProvider> providers(JsonMapper json, PushProperties properties, Clock clock) {
        var providers = new HashMap<String, PushProvider>();
        if (properties.fcm().configured()) {
            WebClient client = WebClient.builder()
                    .clientConnector(new ReactorClientHttpConnector(http("push-fcm", properties))).build();
            providers.put(FCM, new FcmClient(properties.fcm(), client, json, properties.timeToLive(), clock));
        }
        if (properties.apns().configured()) {
            providers.put(APNS, new ApnsClient(properties.apns(), apnsHttp(properties), json,
                    properties.timeToLive(), clock));
        }
        return providers;
    }

    /** HTTP/2 only: TLS with ALPN for {@code https://} (APNs), cleartext with prior knowledge for the sandbox. */
    private static HttpClient apnsHttp(PushProperties properties) {
        HttpClient http = http("push-apns", properties);
        return properties.apns().baseUrl().startsWith("http://") ? http.protocol(HttpProtocol.H2C)
                : http.protocol(HttpProtocol.H2).secure();
    }

    private static HttpClient http(String name, PushProperties properties) {
        return HttpClient.create(ConnectionProvider.builder(name).maxConnections(properties.maxConnections())
                        .pendingAcquireMaxCount(-1).build())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.responseTimeout())
                .followRedirect(false);
    }
}
