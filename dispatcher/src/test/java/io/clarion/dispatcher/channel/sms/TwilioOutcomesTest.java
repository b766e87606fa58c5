package io.clarion.dispatcher.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Undeliverable;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TwilioOutcomesTest {

    static Stream<Arguments> answers() {
        return Stream.of(
                row("throttled without Retry-After", api(20429, 429), null, RetryLater.backoff("twilio:20429")),
                row("throttled with Retry-After", api(20429, 429), Duration.ofSeconds(7),
                        new RetryLater(Duration.ofSeconds(7), "twilio:20429")),
                row("plain 429 without a Twilio body", status(429), Duration.ofSeconds(2),
                        new RetryLater(Duration.ofSeconds(2), "http 429")),
                row("invalid To number marks the number", api(21211, 400), null, new Undeliverable("twilio:21211")),
                row("recipient replied STOP", api(21610, 400), null, new Undeliverable("twilio:21610")),
                row("not a mobile number", api(21614, 400), null, new Undeliverable("twilio:21614")),
                row("unreachable handset is transient", api(30003, 400), null, RetryLater.backoff("twilio:30003")),
                row("Twilio 500 with a body", api(20500, 500), null, RetryLater.backoff("twilio:20500")),
                row("a proxy's 503 without a body", status(503), null, RetryLater.backoff("http 503")),
                row("bad credentials park the delivery", api(20003, 401), null, new Unrecognized("twilio:20003")),
                row("suspended account parks", api(20005, 401), null, new Unrecognized("twilio:20005")),
                row("unusable sender parks", api(21606, 400), null, new Unrecognized("twilio:21606")),
                row("body too long is refused", api(21617, 400), null, new Failed("twilio:21617")),
                row("region not enabled is refused", api(21408, 400), null, new Failed("twilio:21408")),
                row("carrier filtered is refused", api(30007, 400), null, new Failed("twilio:30007")),
                row("an unknown code is dead-lettered", api(29999, 400), null, new Unrecognized("twilio:29999")),
                row("a 4xx without a body is dead-lettered", status(418), null, new Unrecognized("http 418")),
                row("no connection", new ApiConnectionException("Unable to connect"), null,
                        RetryLater.backoff("twilio:connection")),
                row("connection refused", io(new ConnectException("refused")), null, RetryLater.backoff("twilio:connect")),
                row("read timeout", io(new SocketTimeoutException("Read timed out")), null,
                        RetryLater.backoff("twilio:timeout")),
                row("another I/O error", io(new java.io.EOFException()), null, RetryLater.backoff("twilio:io")),
                row("a Twilio error with nothing in it", new ApiException("Bad URI"), null,
                        new Unrecognized("twilio:no-code")),
                row("our queue is full", new RejectedExecutionException("full"), null,
                        RetryLater.backoff("twilio-queue-full")));
    }

    private static Arguments row(String name, Throwable error, Duration retryAfter, DeliveryOutcome expected) {
        return Arguments.of(name, error, retryAfter, expected);
    }

    private static ApiException api(int code, int status) {
        return new ApiException("error " + code, code, "https://www.twilio.com/docs/errors/" + code, status, null);
    }

    private static ApiException status(int status) {
        return new ApiException("Server Error, no content", status);
    }

    private static ApiException io(Exception cause) {
        return new ApiException(String.valueOf(cause.getMessage()), cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void mapsEveryTwilioAnswerToAnOutcome(String name, Throwable error, Duration retryAfter, DeliveryOutcome expected) {
        assertThat(TwilioOutcomes.of(error, retryAfter)).isEqualTo(expected);
    }

    @Test
    void leavesBugsToPropagate() {
        assertThat(TwilioOutcomes.of(new NullPointerException("bug"), null)).isNull();
    }
}
