package io.clarion.dispatcher.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Sent;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import java.net.ConnectException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntryResult;
import software.amazon.awssdk.services.sesv2.model.BulkEmailStatus;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

class SesAnswersTest {

    static Stream<Arguments> serviceErrors() {
        return Stream.of(
                Arguments.of(error(TooManyRequestsException.builder(), "TooManyRequestsException", 429),
                        RetryLater.backoff("ses:TooManyRequestsException")),
                Arguments.of(error(LimitExceededException.builder(), "LimitExceededException", 400),
                        new RetryLater(Duration.ofSeconds(60), "ses:LimitExceededException")),
                Arguments.of(error(SendingPausedException.builder(), "SendingPausedException", 400),
                        new RetryLater(Duration.ofMinutes(5), "ses:SendingPausedException")),
                Arguments.of(error(AccountSuspendedException.builder(), "AccountSuspendedException", 400),
                        new RetryLater(Duration.ofMinutes(5), "ses:AccountSuspendedException")),
                Arguments.of(error(MessageRejectedException.builder(), "MessageRejected", 400),
                        new Failed("ses:MessageRejected")),
                Arguments.of(error(MailFromDomainNotVerifiedException.builder(),
                        "MailFromDomainNotVerifiedException", 400),
                        new Failed("ses:MailFromDomainNotVerifiedException")),
                Arguments.of(error(BadRequestException.builder(), "BadRequestException", 400),
                        new Failed("ses:BadRequestException")),
                Arguments.of(error(NotFoundException.builder(), "NotFoundException", 404),
                        new Unrecognized("ses:NotFoundException")),
                Arguments.of(error(SesV2Exception.builder(), "ServiceUnavailable", 503),
                        RetryLater.backoff("ses:ServiceUnavailable")),
                Arguments.of(error(SesV2Exception.builder(), "InternalFailure", 500),
                        RetryLater.backoff("ses:InternalFailure")),
                Arguments.of(error(SesV2Exception.builder(), "ThrottlingException", 400),
                        RetryLater.backoff("ses:ThrottlingException")),
                Arguments.of(error(SesV2Exception.builder(), "SomethingNewException", 400),
                        new Unrecognized("ses:SomethingNewException")));
    }

    @ParameterizedTest
    @MethodSource("serviceErrors")
    void classifiesEachSesErrorCode(AwsServiceException error, DeliveryOutcome expected) {
        assertThat(SesAnswers.ofError(error)).isEqualTo(expected);
    }

    @Test
    void ioErrorsAndTimeoutsAreRetriedLater() {
        SdkClientException refused = SdkClientException.builder().message("connect")
                .cause(new ConnectException("Connection refused")).build();
        ApiCallTimeoutException timeout = ApiCallTimeoutException.create(1000);

        assertThat(SesAnswers.ofError(refused)).isEqualTo(RetryLater.backoff("ses:ConnectException"));
        assertThat(SesAnswers.ofError(timeout)).isEqualTo(RetryLater.backoff("ses:ApiCallTimeoutException"));
    }

    static Stream<Arguments> bulkStatuses() {
        return Stream.of(
                Arguments.of(BulkEmailStatus.SUCCESS, new Sent()),
                Arguments.of(BulkEmailStatus.MESSAGE_REJECTED, new Failed("ses:MESSAGE_REJECTED")),
                Arguments.of(BulkEmailStatus.MAIL_FROM_DOMAIN_NOT_VERIFIED,
                        new Failed("ses:MAIL_FROM_DOMAIN_NOT_VERIFIED")),
                Arguments.of(BulkEmailStatus.INVALID_PARAMETER, new Failed("ses:INVALID_PARAMETER")),
                Arguments.of(BulkEmailStatus.ACCOUNT_THROTTLED, RetryLater.backoff("ses:ACCOUNT_THROTTLED")),
                Arguments.of(BulkEmailStatus.TRANSIENT_FAILURE, RetryLater.backoff("ses:TRANSIENT_FAILURE")),
                Arguments.of(BulkEmailStatus.ACCOUNT_DAILY_QUOTA_EXCEEDED,
                        new RetryLater(Duration.ofSeconds(60), "ses:ACCOUNT_DAILY_QUOTA_EXCEEDED")),
                Arguments.of(BulkEmailStatus.ACCOUNT_SUSPENDED,
                        new RetryLater(Duration.ofMinutes(5), "ses:ACCOUNT_SUSPENDED")),
                Arguments.of(BulkEmailStatus.ACCOUNT_SENDING_PAUSED,
                        new RetryLater(Duration.ofMinutes(5), "ses:ACCOUNT_SENDING_PAUSED")),
                Arguments.of(BulkEmailStatus.CONFIGURATION_SET_SENDING_PAUSED,
                        new RetryLater(Duration.ofMinutes(5), "ses:CONFIGURATION_SET_SENDING_PAUSED")),
                Arguments.of(BulkEmailStatus.CONFIGURATION_SET_NOT_FOUND,
                        new Unrecognized("ses:CONFIGURATION_SET_NOT_FOUND")),
                Arguments.of(BulkEmailStatus.TEMPLATE_NOT_FOUND, new Unrecognized("ses:TEMPLATE_NOT_FOUND")),
                Arguments.of(BulkEmailStatus.FAILED, new Unrecognized("ses:FAILED")));
    }

    @ParameterizedTest
    @MethodSource("bulkStatuses")
    void classifiesEachBulkEntryStatus(BulkEmailStatus status, DeliveryOutcome expected) {
        assertThat(SesAnswers.ofEntry(BulkEmailEntryResult.builder().status(status).build())).isEqualTo(expected);
    }

    @Test
    void anEntryStatusThisSdkDoesNotKnowIsUnrecognizedWithItsName() {
        BulkEmailEntryResult result = BulkEmailEntryResult.builder().status("BRAND_NEW_STATUS").build();

        assertThat(SesAnswers.ofEntry(result)).isEqualTo(new Unrecognized("ses:BRAND_NEW_STATUS"));
    }

    @Test
    void emailIsNeverUndeliverableBecauseSesReportsBouncesLater() {
        Stream.concat(serviceErrors().map(args -> SesAnswers.ofError((AwsServiceException) args.get()[0])),
                        Stream.of(BulkEmailStatus.values()).filter(s -> s != BulkEmailStatus.UNKNOWN_TO_SDK_VERSION)
                                .map(s -> SesAnswers.ofEntry(BulkEmailEntryResult.builder().status(s).build())))
                .forEach(outcome -> assertThat(outcome).isNotInstanceOf(DeliveryOutcome.Undeliverable.class));
    }

    private static AwsServiceException error(AwsServiceException.Builder builder, String code, int status) {
        return builder.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build())
                .statusCode(status).message(code).build();
    }
}
