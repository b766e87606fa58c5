package io.clarion.dispatcher.channel.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.DeliveryOutcome.Failed;
import io.clarion.core.delivery.DeliveryOutcome.RetryLater;
import io.clarion.core.delivery.DeliveryOutcome.Undeliverable;
import io.clarion.core.delivery.DeliveryOutcome.Unrecognized;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * What a Twilio answer means for a delivery. Reasons are {@code twilio:<error code>} when Twilio gave one.
 * <ul>
 *   <li>throttled (20429, HTTP 429): {@code RetryLater} after Twilio's {@code Retry-After}, else the backoff;</li>
 *   <li>Twilio unavailable (5xx), no connection, a timeout, our queue full, or a handset briefly unreachable
 *       (30003): {@code RetryLater} with the channel's backoff;</li>
 *   <li>the number can never receive SMS (21211 invalid, 21610 STOP-ed, 21614 not a mobile):
 *       {@code Undeliverable}, so the pipeline marks the contact point;</li>
 *   <li>this message is refused for good (body empty or too long, region not enabled, carrier filtered):
 *       {@code Failed};</li>
 *   <li>a problem with <em>our account</em> (20003 bad credentials, 20005 suspended, 20404 unknown account,
 *       21212/21606 unusable sender): {@code Unrecognized}, parked in the dead-letter topic for an operator.
 *       It is no fault of the recipient, so it must not mark contact points, and no fault of the message, so
 *       failing it for good would lose it; once the credentials are fixed, the parked deliveries are replayed.</li>
 *   <li>any other code: {@code Unrecognized(twilio:<code>)}.</li>
 * </ul>
 */
final class TwilioOutcomes {
    static final String QUEUE_FULL = "twilio-queue-full";

    private static final Set<Integer> UNDELIVERABLE = Set.of(21211, 21610, 21614);
    private static final Set<Integer> TRANSIENT = Set.of(30003, 21611);
    private static final Set<Integer> ACCOUNT = Set.of(20003, 20005, 20404, 21212, 21606);
    /** 21602 body missing, 21617 body over 1,600 chars, 21408 region not enabled, 21612 number not reachable from
     * this sender, 30007 carrier filtered, 21703/21704 messaging service has no usable sender. */
    private static final Set<Integer> REFUSED = Set.of(21602, 21617, 21408, 21612, 30007, 21703, 21704);
    private static final Map<Class<? extends IOException>, String> IO_REASONS = Map.of(
            SocketTimeoutException.class, "twilio:timeout", ConnectException.class, "twilio:connect");

    private TwilioOutcomes() {
    }

    /**
     * The outcome of a failed send, or {@code null} when {@code error} is not a Twilio or transport answer
     * (a bug: the caller lets it propagate).
     *
     * @param retryAfter the 429's {@code Retry-After}, or {@code null}
     */
    static DeliveryOutcome of(Throwable error, Duration retryAfter) {
        if (error instanceof RejectedExecutionException) {
            return RetryLater.backoff(QUEUE_FULL);
        }
        if (error instanceof ApiConnectionException) {
            return RetryLater.backoff("twilio:connection");
        }
        if (error instanceof ApiException api) {
            return of(api, retryAfter);
        }
        return null;
    }

    private static DeliveryOutcome of(ApiException api, Duration retryAfter) {
        Integer code = api.getCode();
        int status = api.getStatusCode() == null ? 0 : api.getStatusCode();
        String reason = code != null ? "twilio:" + code : "http " + status;
        if (status == 429 || Integer.valueOf(20429).equals(code)) {
            return throttled(reason, retryAfter);
        }
        if (status >= 500) {
            return RetryLater.backoff(reason);
        }
        return code == null ? withoutCode(api, status) : withCode(code);
    }

    private static DeliveryOutcome withCode(int code) {
        String reason = "twilio:" + code;
        if (UNDELIVERABLE.contains(code)) {
            return new Undeliverable(reason);
        }
        if (TRANSIENT.contains(code)) {
            return RetryLater.backoff(reason);
        }
        if (REFUSED.contains(code)) {
            return new Failed(reason);
        }
        if (ACCOUNT.contains(code)) {
            return new Unrecognized(reason); // parked on purpose, see the class comment
        }
        return new Unrecognized(reason);
    }

    /** No Twilio error body: a transport error, or a 4xx without one. */
    private static DeliveryOutcome withoutCode(ApiException api, int status) {
        if (api.getCause() instanceof IOException io) {
            return RetryLater.backoff(ioReason(io));
        }
        return new Unrecognized(status == 0 ? "twilio:no-code" : "http " + status);
    }

    private static RetryLater throttled(String reason, Duration retryAfter) {
        return retryAfter == null ? RetryLater.backoff(reason) : new RetryLater(retryAfter, reason);
    }

    private static String ioReason(IOException io) {
        return IO_REASONS.entrySet().stream().filter(entry -> entry.getKey().isInstance(io))
                .map(Map.Entry::getValue).findFirst().orElse("twilio:io");
    }
}
