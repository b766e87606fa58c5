package io.clarion.dispatcher.channel.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.DeliveryOutcome.Undeliverable;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification tables of both providers. */
class AnswersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "fcm {0} {1}/{2} retry-after {3} -> {4} {5} after {6}s")
    @CsvSource(nullValues = "-", value = {
            "200, -,                  -,                   -,   Sent,          -,                       0",
            "404, UNREGISTERED,       NOT_FOUND,           -,   Undeliverable, fcm:UNREGISTERED,        0",
            "403, SENDER_ID_MISMATCH, PERMISSION_DENIED,   -,   Undeliverable, fcm:SENDER_ID_MISMATCH,  0",
            "400, INVALID_ARGUMENT,   INVALID_ARGUMENT,    -,   Failed,        fcm:INVALID_ARGUMENT,    0",
            "400, -,                  INVALID_ARGUMENT,    -,   Failed,        fcm:INVALID_ARGUMENT,    0",
            "429, QUOTA_EXCEEDED,     RESOURCE_EXHAUSTED,  30,  RetryLater,    fcm:QUOTA_EXCEEDED,      30",
            "429, -,                  RESOURCE_EXHAUSTED,  -,   RetryLater,    fcm:RESOURCE_EXHAUSTED,  0",
            "503, UNAVAILABLE,        UNAVAILABLE,         7,   RetryLater,    fcm:UNAVAILABLE,         7",
            "503, -,                  -,                   -,   RetryLater,    fcm:503,                 0",
            "500, INTERNAL,           INTERNAL,            -,   RetryLater,    fcm:INTERNAL,            0",
            "401, -,                  UNAUTHENTICATED,     -,   RetryLater,    fcm:UNAUTHENTICATED,     0",
            "401, THIRD_PARTY_AUTH_ERROR, UNAUTHENTICATED, -,   Unrecognized,  fcm:THIRD_PARTY_AUTH_ERROR, 0",
            "404, -,                  NOT_FOUND,           -,   Unrecognized,  fcm:NOT_FOUND,           0",
            "418, -,                  -,                   -,   Unrecognized,  fcm:418,                 0",
    })
    void fcmAnswersAreClassifiedByFcmErrorCodeThenStatus(int status, String fcmErrorCode, String googleStatus,
                                                          String retryAfter, String type, String reason, long after) {
        assertOutcome(FcmAnswer.outcome(status, fcmErrorCode, googleStatus, retryAfter, CLOCK), type, reason, after);
    }

    @ParameterizedTest(name = "apns {0} {1} retry-after {2} -> {3} {4}")
    @CsvSource(nullValues = "-", value = {
            "200, -,                      -,  Sent,          -,                                0",
            "410, Unregistered,           -,  Undeliverable, apns:Unregistered,                0",
            "410, ExpiredToken,           -,  Undeliverable, apns:ExpiredToken,                0",
            "400, BadDeviceToken,         -,  Undeliverable, apns:BadDeviceToken,              0",
            "400, DeviceTokenNotForTopic, -,  Undeliverable, apns:DeviceTokenNotForTopic,      0",
            "400, PayloadEmpty,           -,  Failed,        apns:PayloadEmpty,                0",
            "400, -,                      -,  Unrecognized,  apns:400,                         0",
            "400, SomeNewApnsReason,      -,  Unrecognized,  apns:SomeNewApnsReason,           0",
            "429, TooManyRequests,        -,  RetryLater,    apns:TooManyRequests,             0",
            "429, TooManyRequests,        12, RetryLater,    apns:TooManyRequests,             12",
            "503, ServiceUnavailable,     -,  RetryLater,    apns:ServiceUnavailable,          0",
            "500, InternalServerError,    -,  RetryLater,    apns:InternalServerError,         0",
            "403, ExpiredProviderToken,   -,  RetryLater,    apns:ExpiredProviderToken,        0",
            "403, InvalidProviderToken,   -,  Unrecognized,  apns:InvalidProviderToken,        0",
            "413, PayloadTooLarge,        -,  Unrecognized,  apns:PayloadTooLarge,             0",
            "599, -,                      -,  Unrecognized,  apns:599,                         0",
    })
    void apnsAnswersAreClassifiedByStatusAndReason(int status, String reason, String retryAfter, String type,
                                                   String expectedReason, long after) {
        assertOutcome(ApnsAnswer.outcome(status, reason, retryAfter, CLOCK), type, expectedReason, after);
    }

    @ParameterizedTest(name = "Retry-After {0} -> {1}s")
    @CsvSource(delimiter = '|', value = {
            "120                           | 120",
            "Thu, 01 Jan 2026 00:01:00 GMT | 60",
            "Wed, 31 Dec 2025 23:00:00 GMT | 0",
            "soon                          | 0",
    })
    void retryAfterIsReadAsSecondsOrAnHttpDate(String header, long seconds) {
        assertThat(Retries.retryLater(header, "fcm:UNAVAILABLE", CLOCK).after()).isEqualTo(Duration.ofSeconds(seconds));
    }

    private static void assertOutcome(DeliveryOutcome outcome, String type, String reason, long after) {
        Class<?> expected = switch (type) {
            case "Sent" -> Sent.class;
            case "Undeliverable" -> Undeliverable.class;
            case "Failed" -> Failed.class;
            case "RetryLater" -> RetryLater.class;
            default -> Unrecognized.class;
        };
        assertThat(outcome).isInstanceOf(expected);
        assertThat(outcome.reason()).isEqualTo(reason);
        if (outcome instanceof RetryLater retry) {
            assertThat(retry.after()).isEqualTo(Duration.ofSeconds(after));
        }
    }
}
