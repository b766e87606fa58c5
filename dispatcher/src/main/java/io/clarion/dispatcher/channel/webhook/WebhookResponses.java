package io.clarion.dispatcher.channel.webhook;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.retry.RetryAfter;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * What a webhook receiver's answer means for the delivery: 2xx sent; 410 Gone undeliverable (the endpoint
 * is disabled); 408, 429 and 5xx retry later (after the receiver's {@code Retry-After}, capped at an hour);
 * 3xx and other 4xx failed; connection trouble retry later; a refused destination undeliverable.
 */
final class WebhookResponses {
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private WebhookResponses() {
    }

    static DeliveryOutcome of(int status, String retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return new DeliveryOutcome.Sent();
        }
        if (status == 410) {
            return new DeliveryOutcome.Undeliverable("http 410");
        }
        if (status == 429 || (status >= 500 && status < 600)) {
            return new DeliveryOutcome.RetryLater(retryAfter(retryAfter, now), "http " + status);
        }
        if (status == 408) {
            return DeliveryOutcome.RetryLater.backoff("http 408");
        }
        if (status >= 300 && status < 400) {
            return new DeliveryOutcome.Failed("http " + status + ": redirects are not followed");
        }
        if (status >= 400 && status < 500) {
            return new DeliveryOutcome.Failed("http " + status);
        }
        return new DeliveryOutcome.Unrecognized("http " + status);
    }

    /** The outcome of a request that got no answer, or {@code null} for errors that are bugs (rethrown). */
    static DeliveryOutcome ofError(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            DeliveryOutcome outcome = ofCause(e);
            if (outcome != null) {
                return outcome;
            }
        }
        return null;
    }

    private static DeliveryOutcome ofCause(Throwable e) {
        if (e instanceof DestinationRefusedException refused) {
            return new DeliveryOutcome.Undeliverable("webhook:destination-refused: " + refused.rule());
        }
        if (e instanceof ConnectTimeoutException || e instanceof TimeoutException
                || e instanceof io.netty.handler.timeout.TimeoutException) {
            return DeliveryOutcome.RetryLater.backoff("webhook:timeout");
        }
        if (e instanceof UnknownHostException) {
            return DeliveryOutcome.RetryLater.backoff("webhook:unknown-host");
        }
        if (e instanceof ConnectException) {
            return DeliveryOutcome.RetryLater.backoff("webhook:connect-failed");
        }
        if (e instanceof SSLException) {
            return DeliveryOutcome.RetryLater.backoff("webhook:tls-failed");
        }
        if (e instanceof IOException) { // resets, premature closes (reactor-netty's PrematureCloseException)
            return DeliveryOutcome.RetryLater.backoff("webhook:connection-closed");
        }
        return null;
    }

    /** {@code Retry-After}, capped at {@link #MAX_RETRY_AFTER}; zero (the channel's backoff) when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        Duration delay = RetryAfter.parse(header, now);
        return delay.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : delay;
    }
}
