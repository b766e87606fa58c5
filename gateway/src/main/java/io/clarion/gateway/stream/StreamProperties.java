package io.clarion.gateway.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live stream ({@code GET /v1/stream}).
 *
 * @param pollInterval      how often each stream reads what changed (two indexed queries per tenant)
 * @param overlap           how far behind its cursor a poll looks again, so a transaction that commits after a later
 *                          one's timestamp is still seen (longer than the slowest update or ledger transaction)
 * @param heartbeat         how often an idle stream sends a comment line, so proxies keep the connection open
 * @param rateLimitInterval how often a stream sends the tenant's bucket levels ({@code rate-limit})
 * @param maxConnections    streams open at once on this gateway; the next one is refused with 503
 */
@ConfigurationProperties("clarion.stream")
public record StreamProperties(@DefaultValue("1s") Duration pollInterval,
                               @DefaultValue("2s") Duration overlap,
                               @DefaultValue("15s") Duration heartbeat,
                               @DefaultValue("5s") Duration rateLimitInterval,
                               @DefaultValue("256") int maxConnections) {
    public StreamProperties {
        positive("poll-interval", pollInterval);
        positive("overlap", overlap);
        positive("heartbeat", heartbeat);
        positive("rate-limit-interval", rateLimitInterval);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("clarion.stream.max-connections: " + maxConnections + " (expected: > 0)");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("clarion.stream." + name + ": " + value + " (expected: > 0)");
        }
    }
}
