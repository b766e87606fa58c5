package io.clarion.devstack.sandbox;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerResponse;

/**
 * SES v2's errors as the service sends them: the type in the {@code x-amzn-ErrorType} header, a JSON
 * body {@code {"message": ...}}, and the HTTP status that SES v2's service model gives the type, so
 * that {@code SesV2AsyncClient} raises the modelled exception (e.g. {@code TooManyRequestsException}).
 * An error type the model does not know is answered with 400; {@value #UNAVAILABLE} (SES's
 * unmodelled "try again" answer) with 503.
 */
final class SesErrors {

    static final String UNAVAILABLE = "ServiceUnavailable";
    static final String THROTTLED = "TooManyRequestsException";

    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry(THROTTLED, 429), Map.entry("LimitExceededException", 400),
            Map.entry("SendingPausedException", 400), Map.entry("MessageRejected", 400),
            Map.entry("AccountSuspendedException", 400), Map.entry("MailFromDomainNotVerifiedException", 400),
            Map.entry("NotFoundException", 404), Map.entry("BadRequestException", 400),
            Map.entry("InternalServiceErrorException", 500), Map.entry(UNAVAILABLE, 503),
            Map.entry("IncompleteSignatureException", 403));

    /** The SendBulkEmail entry status that stands for an error type. */
    private static final Map<String, String> BULK_STATUS = Map.of(
            THROTTLED, "ACCOUNT_THROTTLED", "LimitExceededException", "ACCOUNT_DAILY_QUOTA_EXCEEDED",
            "SendingPausedException", "ACCOUNT_SENDING_PAUSED", "MessageRejected", "MESSAGE_REJECTED",
            "AccountSuspendedException", "ACCOUNT_SUSPENDED",
            "MailFromDomainNotVerifiedException", "MAIL_FROM_DOMAIN_NOT_VERIFIED",
            "NotFoundException", "TEMPLATE_NOT_FOUND", "BadRequestException", "INVALID_PARAMETER",
            "InternalServiceErrorException", "TRANSIENT_FAILURE", UNAVAILABLE, "TRANSIENT_FAILURE");

    private SesErrors() {
    }

    static Publisher<Void> answer(HttpServerResponse response, String errorType, String message) {
        return JsonReplies.json(response.header("x-amzn-ErrorType", errorType)
                        .header("x-amzn-RequestId", UUID.randomUUID().toString()),
                HttpResponseStatus.valueOf(STATUS.getOrDefault(errorType, 400)), Map.of("message", message));
    }

    static String bulkStatus(String errorType) {
        return BULK_STATUS.getOrDefault(errorType, "FAILED");
    }

    static boolean hasSigV4Shape(String authorization) {
        return authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 Credential=")
                && authorization.contains("SignedHeaders=") && authorization.contains("Signature=");
    }

    static Duration longestLatency(List<Verdict> verdicts) {
        return verdicts.stream().map(Verdict::latency).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
