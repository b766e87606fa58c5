package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Twilio's Programmable Messaging API as twilio-java calls it: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded {@code To}, {@code From} or
 * {@code MessagingServiceSid}, {@code Body} and {@code StatusCallback}, with HTTP basic auth whose user
 * must be the AccountSid of the path (any password; 401 with Twilio error 20003 otherwise). Accepted
 * messages are answered 201 with Twilio's Message resource ({@code sid} {@code SM...}, status
 * {@code queued}); errors with Twilio's body {@code {"code", "message", "more_info", "status"}}
 * ({@link TwilioErrors}). A {@code To} that is not E.164 is refused with 21211, as Twilio does.
 *
 * <p>Each accepted message is one inbox message whose recipient, incident, version and message id come
 * from the {@code recipient}, {@code incident}, {@code version} and {@code messageId} query parameters of
 * its {@code StatusCallback}, and whose body is {@code {"to", "from", "body", "segments"}}.
 */
final class TwilioEndpoint implements SandboxChannel {

    static final String CHANNEL = "sms";
    private static final Pattern PATH = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final ProviderGate gate;

    TwilioEndpoint(Inbox inbox, Faults faults) {
        this.gate = new ProviderGate(CHANNEL, faults, requireNonNull(inbox, "inbox"));
    }

    @Override
    public void addRoutes(HttpServerRoutes routes) {
        routes.route(request -> request.method().equals(HttpMethod.POST)
                && PATH.matcher(new QueryStringDecoder(request.uri()).path()).matches(), this::create);
    }

    private Publisher<Void> create(HttpServerRequest request, HttpServerResponse response) {
        Matcher path = PATH.matcher(new QueryStringDecoder(request.uri()).path());
        String accountSid = path.matches() ? path.group(1) : "";
        if (!accountSid.equals(basicAuthUser(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION)))) {
            return gate.refuse(TwilioErrors.answer(response, 20003));
        }
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> Mono.from(send(accountSid, new QueryStringDecoder(body, false).parameters(),
                        response)));
    }

    private Publisher<Void> send(String accountSid, Map<String, List<String>> form, HttpServerResponse response) {
        String to = first(form, "To");
        String from = first(form, "From") != null ? first(form, "From") : first(form, "MessagingServiceSid");
        String body = first(form, "Body");
        Integer invalid = to == null ? Integer.valueOf(21604) : !E164.matcher(to).matches() ? Integer.valueOf(21211)
                : from == null ? Integer.valueOf(21603) : body == null ? Integer.valueOf(21602)
                : body.length() > 1600 ? Integer.valueOf(21617) : null;
        if (invalid != null) {
            return gate.refuse(TwilioErrors.answer(response, invalid));
        }
        return gate.pass(List.of(to), () -> accept(accountSid, to, from, body, first(form, "StatusCallback"), response),
                verdict -> TwilioErrors.answer(response, verdict.kind() == Verdict.Kind.THROTTLE ? TwilioErrors.THROTTLED
                        : TwilioErrors.code(verdict.errorCodeOr(String.valueOf(TwilioErrors.UNAVAILABLE)))));
    }

    private Publisher<Void> accept(String accountSid, String to, String from, String body, String statusCallback,
                                   HttpServerResponse response) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        int segments = segments(body);
        Map<String, List<String>> callback = statusCallback == null ? Map.of()
                : new QueryStringDecoder(statusCallback).parameters();
        String summary = JsonReplies.MAPPER.writeValueAsString(
                JsonReplies.fields("to", to, "from", from, "body", body, "segments", segments));
        gate.record(new SandboxMessage(CHANNEL, first(callback, "recipient"), first(callback, "incident"),
                version(first(callback, "version")), first(callback, "messageId"), Instant.now(),
                "/2010-04-01/Accounts/" + accountSid + "/Messages.json",
                statusCallback == null ? Map.of("twilio-sid", sid) : Map.of("twilio-sid", sid, "status-callback", statusCallback),
                summary));
        return JsonReplies.json(response, HttpResponseStatus.CREATED, message(accountSid, sid, to, from, body, segments));
    }

    private static Map<String, Object> message(String accountSid, String sid, String to, String from, String body,
                                               int segments) {
        String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json";
        return JsonReplies.fields("account_sid", accountSid, "api_version", "2010-04-01", "body", body,
                "date_created", now, "date_updated", now, "direction", "outbound-api", "from", from.startsWith("MG") ? null : from,
                "messaging_service_sid", from.startsWith("MG") ? from : null, "num_media", "0",
                "num_segments", String.valueOf(segments), "price_unit", "USD", "sid", sid, "status", "queued",
                "subresource_uris", Map.of("media", uri.replace(".json", "/Media.json")), "to", to, "uri", uri);
    }

    /** GSM-7 text takes 160 characters in one segment and 153 per part; anything else 70 and 67. */
    static int segments(String body) {
        int length = body.codePointCount(0, body.length());
        boolean gsm = body.chars().allMatch(c -> c < 128);
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        return length <= single ? 1 : (length + part - 1) / part;
    }

    private static String basicAuthUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 || colon == decoded.length() - 1 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static Long version(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
