package io.clarion.dispatcher.channel.webhook;

import io.clarion.core.webhook.AddressPolicy;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The webhook channel. One attempt per delivery: retries are the pipeline's (the retry topic).
 *
 * @param connectTimeout  time to open a connection
 * @param responseTimeout time from request sent to response headers, and between reads of the body
 * @param maxConnections  connections kept open across all endpoints
 * @param maxResponseBody bytes of a response body read at most; the connection is closed past that
 * @param allow           destinations allowed despite the SSRF guard: {@code CIDR}, {@code CIDR:port} or
 *                        {@code [v6CIDR]:port}, comma-separated (e.g. {@code 127.0.0.1:8090} for the local sandbox);
 *                        unset, loopback, private, link-local and other special-purpose addresses are all refused
 */
@ConfigurationProperties("clarion.channels.webhook")
public record WebhookProperties(@DefaultValue("2s") Duration connectTimeout,
                                @DefaultValue("10s") Duration responseTimeout,
                                @DefaultValue("500") int maxConnections,
                                @DefaultValue("64KB") DataSize maxResponseBody,
                                @DefaultValue List<String> allow) {
    public WebhookProperties {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("clarion.channels.webhook.max-connections: " + maxConnections + " (expected: > 0)");
        }
        if (maxResponseBody.toBytes() < 1 || maxResponseBody.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("clarion.channels.webhook.max-response-body: " + maxResponseBody
                    + " (expected: 1B..2GB)");
        }
        allow = List.copyOf(allow);
        try {
            AddressPolicy.allowing(allow);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clarion.channels.webhook.allow: " + e.getMessage(), e);
        }
    }

    /** The SSRF guard with this configuration's allow-list. */
    AddressPolicy addressPolicy() {
        return AddressPolicy.allowing(allow);
    }
}
