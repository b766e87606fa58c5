package io.clarion.dispatcher.channel.email;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The email channel (AWS SES v2). The channel exists only when {@code from} is set.
 *
 * @param from             the verified sender address; without it there is no email sender and email deliveries
 *                         are suppressed {@code channel-not-configured}
 * @param region           the SES region; also names the circuit-breaker account {@code ses:<region>}
 * @param endpoint         an endpoint override (the provider sandbox locally and in tests); {@code null} in production
 * @param accessKeyId      static credentials, with {@code secretAccessKey}; when absent, the SDK's default provider
 *                         chain (environment, profile, web identity, container or instance role) is used
 * @param secretAccessKey  the secret of {@code accessKeyId}; never printed
 * @param unsubscribeUrl   the one-click unsubscribe URL, {@code {recipient}} replaced by the URL-encoded recipient id,
 *                         e.g. {@code https://status.example.com/unsubscribe?r={recipient}}; when absent,
 *                         {@code List-Unsubscribe} is a {@code mailto:} to {@code from} and, as RFC 8058 requires an
 *                         HTTPS URI for one-click, no {@code List-Unsubscribe-Post} is sent
 * @param bulkSize         destinations per SendBulkEmail call, at most 50 (the SES limit)
 * @param bulkWindow       how long a delivery waits for others with the same content before its batch is sent
 * @param maxConcurrency   concurrent HTTP requests to SES, and concurrent batches in flight
 * @param configurationSet the SES configuration set (event publishing of bounces and complaints), optional
 */
@ConfigurationProperties("clarion.channels.email")
public record EmailProperties(String from,
                              @DefaultValue("us-east-1") String region,
                              URI endpoint,
                              String accessKeyId,
                              String secretAccessKey,
                              String unsubscribeUrl,
                              @DefaultValue("50") int bulkSize,
                              @DefaultValue("20ms") Duration bulkWindow,
                              @DefaultValue("64") int maxConcurrency,
                              String configurationSet) {
    static final int SES_BULK_LIMIT = 50;

    public EmailProperties {
        from = blankToNull(from);
        accessKeyId = blankToNull(accessKeyId);
        secretAccessKey = blankToNull(secretAccessKey);
        unsubscribeUrl = blankToNull(unsubscribeUrl);
        configurationSet = blankToNull(configurationSet);
        if (bulkSize < 1 || bulkSize > SES_BULK_LIMIT) {
            throw new IllegalArgumentException(
                    "clarion.channels.email.bulk-size: " + bulkSize + " (expected: 1..." + SES_BULK_LIMIT + ")");
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException(
                    "clarion.channels.email.max-concurrency: " + maxConcurrency + " (expected: > 0)");
        }
        if (bulkWindow == null || bulkWindow.isNegative()) {
            throw new IllegalArgumentException(
                    "clarion.channels.email.bulk-window: " + bulkWindow + " (expected: >= 0)");
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("clarion.channels.email.access-key-id and secret-access-key: "
                    + "only one is set (expected: both or neither)");
        }
        if (unsubscribeUrl != null && !unsubscribeUrl.startsWith("https://") && !unsubscribeUrl.startsWith("http://")) {
            throw new IllegalArgumentException("clarion.channels.email.unsubscribe-url: " + unsubscribeUrl
                    + " (expected: an http(s) URL)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    boolean hasStaticCredentials() {
        return accessKeyId != null;
    }

    @Override
    public String toString() {
        return "EmailProperties[from=" + from + ", region=" + region + ", endpoint=" + endpoint
                + ", credentials=" + (hasStaticCredentials() ? "static" : "default-chain")
                + ", unsubscribeUrl=" + unsubscribeUrl + ", bulkSize=" + bulkSize + ", bulkWindow=" + bulkWindow
                + ", maxConcurrency=" + maxConcurrency + ", configurationSet=" + configurationSet + "]";
    }
}
