package io.clarion.gateway.statuspage;

import io.clarion.gateway.problem.ProblemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A per-client-address limit on the public status routes, in memory (a local bucket4j token bucket per address,
 * no Redis round trip: the point is to protect this gateway cheaply). IPv6 clients are counted by their /64, which
 * one subscriber line usually holds whole. The address is the connection's peer, or what the forwarded headers
 * say when the gateway runs with {@code server.forward-headers-strategy} behind a trusted proxy. At most
 * {@code max-clients} addresses are tracked: when full, idle ones (whose bucket has refilled) are dropped, and
 * addresses that still do not fit share one bucket, so memory stays bounded under a flood of new addresses.
 */
@Component
class ClientRateLimit {
    private final StatusPageProperties.RateLimit settings;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    private final Counter limited;

    ClientRateLimit(StatusPageProperties properties, MeterRegistry registry) {
        this.settings = properties.rateLimit();
        this.overflow = newBucket();
        this.limited = Counter.builder("clarion.statuspage.limited")
                .description("public status requests refused 429 by the per-client-address limit").register(registry);
    }

    /** Takes one request from the client's bucket, or refuses it with {@code 429} and {@code Retry-After}. */
    void admit(ServerWebExchange exchange) {
        if (!settings.enabled()) {
            return;
        }
        ConsumptionProbe probe = bucketOf(client(exchange.getRequest().getRemoteAddress())).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return;
        }
        limited.increment();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        throw ProblemException.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "this address made more than "
                + settings.burst() + " status requests in a burst (expected: at most " + settings.requestsPerSecond()
                + " per second); retry after " + seconds + " s");
    }

    private Bucket bucketOf(String client) {
        Bucket bucket = buckets.get(client);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= settings.maxClients()) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= settings.burst());
        }
        if (buckets.size() >= settings.maxClients()) {
            return overflow;
        }
        return buckets.computeIfAbsent(client, c -> newBucket());
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(settings.burst())
                .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1)).build()).build();
    }

    static String client(InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are an IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }
}
