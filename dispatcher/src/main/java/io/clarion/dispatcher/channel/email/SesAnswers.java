package io.clarion.dispatcher.channel.email;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntryResult;

/**
 * What an SES v2 answer means for a delivery. SES has no synchronous per-recipient permanent rejection (bounces and
 * complaints arrive later, through the configuration set's events), so email never answers
 * {@link DeliveryOutcome.Undeliverable} here. Account-level problems (throttled, daily quota, sending paused,
 * account suspended) are {@link RetryLater}: they say nothing about the message or the address, and the circuit
 * breaker on {@code ses:<region>} parks the channel while they last. A missing configuration set is an operator
 * error: {@link Unrecognized}, so the delivery is dead-lettered and can be replayed once it is fixed.
 */
final class SesAnswers {
    /** The daily sending quota resets within a day; probing once a minute is cheap and recovers quickly. */
    static final Duration QUOTA_DELAY = Duration.ofSeconds(60);
    /** Sending paused or account suspended: lifted by a human, so do not probe often. */
    static final Duration ACCOUNT_DELAY = Duration.ofMinutes(5);

    private SesAnswers() {
    }

    /** The outcome of a whole call that failed with an SDK error (a service answer, an I/O error, a timeout). */
    static DeliveryOutcome ofError(SdkException error) {
        if (error instanceof AwsServiceException service) {
            return ofServiceError(service);
        }
        return RetryLater.backoff("ses:" + rootName(error));
    }

    private static DeliveryOutcome ofServiceError(AwsServiceException error) {
        String code = errorCode(error);
        String reason = "ses:" + code;
        return switch (code) {
            case "TooManyRequestsException" -> RetryLater.backoff(reason);
            case "LimitExceededException" -> new RetryLater(QUOTA_DELAY, reason);
            case "SendingPausedException", "AccountSuspendedException" -> new RetryLater(ACCOUNT_DELAY, reason);
            case "MessageRejected", "MessageRejectedException", "MailFromDomainNotVerifiedException",
                 "BadRequestException" -> new Failed(reason);
            case "NotFoundException" -> new Unrecognized(reason);
            default -> isTransient(error) ? RetryLater.backoff(reason) : new Unrecognized(reason);
        };
    }

    /** The outcome of one entry of a SendBulkEmail answer. */
    static DeliveryOutcome ofEntry(BulkEmailEntryResult result) {
        if (result == null || result.status() == null) {
            return new Unrecognized("ses:missing-entry-result");
        }
        String reason = "ses:" + result.statusAsString();
        return switch (result.status()) {
            case SUCCESS -> new Sent();
            case MESSAGE_REJECTED, MAIL_FROM_DOMAIN_NOT_VERIFIED, INVALID_PARAMETER -> new Failed(reason);
            case ACCOUNT_THROTTLED, TRANSIENT_FAILURE -> RetryLater.backoff(reason);
            case ACCOUNT_DAILY_QUOTA_EXCEEDED -> new RetryLater(QUOTA_DELAY, reason);
            case ACCOUNT_SUSPENDED, ACCOUNT_SENDING_PAUSED, CONFIGURATION_SET_SENDING_PAUSED ->
                    new RetryLater(ACCOUNT_DELAY, reason);
            case CONFIGURATION_SET_NOT_FOUND, TEMPLATE_NOT_FOUND, INVALID_SENDING_POOL_NAME, FAILED,
                 UNKNOWN_TO_SDK_VERSION -> new Unrecognized(reason);
        };
    }

    private static boolean isTransient(AwsServiceException error) {
        return error.statusCode() >= 500 || error.statusCode() == 429 || error.isThrottlingException();
    }

    private static String errorCode(AwsServiceException error) {
        if (error.awsErrorDetails() != null && error.awsErrorDetails().errorCode() != null) {
            return error.awsErrorDetails().errorCode();
        }
        return error.statusCode() > 0 ? "http " + error.statusCode() : error.getClass().getSimpleName();
    }

    private static String rootName(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
