package io.clarion.devstack.sandbox;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Twilio's REST errors as the API sends them: {@code {"code": 21211, "message": ..., "more_info":
 * "https://www.twilio.com/docs/errors/21211", "status": 400}} with that HTTP status, which twilio-java
 * raises as an {@code ApiException} carrying the code. 20429 is answered with 429, 20003 with 401,
 * 20503 (the default of an injected failure) with 503, every other code with 400. 30003 is really a
 * delivery status reported later through the status callback; the sandbox answers it at once, as an
 * error, so a sender's classification of it can be tested.
 */
final class TwilioErrors {

    static final int THROTTLED = 20429;
    static final int UNAVAILABLE = 20503;

    private static final Map<Integer, Integer> STATUS = Map.of(20003, 401, THROTTLED, 429, UNAVAILABLE, 503,
            20500, 500);
    private static final Map<Integer, String> MESSAGE = Map.ofEntries(
            Map.entry(20003, "Authenticate"), Map.entry(THROTTLED, "Too Many Requests"),
            Map.entry(UNAVAILABLE, "Service unavailable"), Map.entry(20500, "Internal Server Error"),
            Map.entry(21211, "Invalid 'To' Phone Number"),
            Map.entry(21602, "Message body is required."), Map.entry(21603, "A 'From' phone number is required."),
            Map.entry(21604, "A 'To' phone number is required."),
            Map.entry(21610, "Attempt to send to unsubscribed recipient"),
            Map.entry(21614, "'To' number is not a valid mobile number"),
            Map.entry(21617, "The concatenated message body exceeds the 1600 character limit."),
            Map.entry(30003, "Unreachable destination handset"));

    private TwilioErrors() {
    }

    static Publisher<Void> answer(HttpServerResponse response, int code) {
        int status = STATUS.getOrDefault(code, 400);
        return JsonReplies.json(response, HttpResponseStatus.valueOf(status), JsonReplies.fields(
                "code", code, "message", MESSAGE.getOrDefault(code, "Error " + code),
                "more_info", "https://www.twilio.com/docs/errors/" + code, "status", status));
    }

    /** A fault's error code as a Twilio code; one that is not a number is answered as 20500. */
    static int code(String errorCode) {
        try {
            return Integer.parseInt(errorCode.trim());
        } catch (NumberFormatException e) {
            return 20500;
        }
    }
}
