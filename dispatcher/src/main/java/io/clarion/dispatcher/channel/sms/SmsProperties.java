package io.clarion.dispatcher.channel.sms;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS channel (Twilio Programmable Messaging). The channel is on only when {@code account-sid} is set.
 *
 * @param accountSid          the Twilio account ({@code AC...}); also the basic-auth user. The SMS channel is off
 *                            until it is set
 * @param authToken           the account's auth token; never printed
 * @param from                the sender number (E.164); this or {@code messaging-service-sid} is needed with
 *                            {@code account-sid}
 * @param messagingServiceSid a messaging service ({@code MG...}) that picks the sender; used when {@code from} is unset
 * @param baseUrl             where Twilio's REST API is; the provider sandbox's URL in tests and local runs
 * @param threads             threads (and pooled HTTP connections) running Twilio's blocking SDK
 * @param queue               sends waiting for a thread; beyond that a send is answered {@code RetryLater}
 * @param maxSegments         longest message sent, in segments; a longer one is suppressed, never truncated
 * @param statusCallbackUrl   where Twilio posts delivery status; Clarion's metadata rides in its query. Optional
 * @param connectTimeout      time to open a connection to Twilio
 * @param readTimeout         time to wait for Twilio's answer on an open connection
 */
@ConfigurationProperties("clarion.channels.sms")
public record SmsProperties(String accountSid, String authToken, String from, String messagingServiceSid,
                            @DefaultValue("https://api.twilio.com") URI baseUrl,
                            @DefaultValue("32") int threads,
                            @DefaultValue("1000") int queue,
                            @DefaultValue("4") int maxSegments,
                            URI statusCallbackUrl,
                            @DefaultValue("2s") Duration connectTimeout,
                            @DefaultValue("10s") Duration readTimeout) {
    private static final String PREFIX = "clarion.channels.sms.";

    public SmsProperties {
        positive("threads", threads);
        positive("queue", queue);
        positive("max-segments", maxSegments);
        if (accountSid != null && (authToken == null || authToken.isBlank())) {
            throw new IllegalArgumentException(PREFIX + "auth-token: missing (expected: set with account-sid)");
        }
        if (accountSid != null && isBlank(from) && isBlank(messagingServiceSid)) {
            throw new IllegalArgumentException(PREFIX + "from: missing (expected: from or messaging-service-sid)");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(PREFIX + name + ": " + value + " (expected: > 0)");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Whether messages name a messaging service instead of a sender number. */
    boolean usesMessagingService() {
        return isBlank(from);
    }

    @Override
    public String toString() {
        return "SmsProperties[accountSid=" + accountSid + ", authToken=" + (authToken == null ? null : "****")
                + ", from=" + from + ", messagingServiceSid=" + messagingServiceSid + ", baseUrl=" + baseUrl
                + ", threads=" + threads + ", queue=" + queue + ", maxSegments=" + maxSegments
                + ", statusCallbackUrl=" + statusCallbackUrl + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }
}
