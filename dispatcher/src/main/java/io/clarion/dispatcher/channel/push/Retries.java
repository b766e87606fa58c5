package io.clarion.dispatcher.channel.push;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/** When a push provider may be tried again: its {@code Retry-After}, and which transport errors are transient. */
final class Retries {
    private Retries() {
    }

    /**
     * {@code RetryLater} after the provider's {@code Retry-After} (seconds or an HTTP date), or after the
     * channel's backoff when the header is absent or unreadable.
     */
    static RetryLater retryLater(String retryAfter, String reason, Clock clock) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return RetryLater.backoff(reason);
        }
        try {
            return new RetryLater(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))), reason);
        } catch (NumberFormatException notSeconds) {
            return retryAtDate(retryAfter, reason, clock);
        }
    }

    private static RetryLater retryAtDate(String retryAfter, String reason, Clock clock) {
        try {
            var at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration after = Duration.between(clock.instant(), at);
            return after.isNegative() ? RetryLater.backoff(reason) : new RetryLater(after, reason);
        } catch (DateTimeParseException unreadable) {
            return RetryLater.backoff(reason);
        }
    }

    /**
     * Connection refused or reset, a timeout, a stream closed early: the provider may be fine a moment later.
     * Anything else is a bug and stays an error.
     */
    static boolean isTransportFailure(Throwable e) {
        return e instanceof IOException || e instanceof TimeoutException || e instanceof WebClientRequestException
                || e instanceof io.netty.handler.timeout.TimeoutException || e instanceof io.netty.channel.ChannelException;
    }

    /** Maps a transport failure to {@code RetryLater.backoff("<provider>:<failure>")}. */
    static Mono<DeliveryOutcome> onTransportFailure(Mono<DeliveryOutcome> send, String provider) {
        return send.onErrorResume(Retries::isTransportFailure,
                e -> Mono.just(RetryLater.backoff(provider + ":" + e.getClass().getSimpleName())));
    }
}
