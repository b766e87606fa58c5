package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Amazon SES v2 as {@code SesV2AsyncClient} calls it (REST-JSON): {@code POST /v2/email/outbound-emails}
 * (SendEmail, {@code Content.Simple}) answers {@code {"MessageId": ...}}; {@code POST
 * /v2/email/outbound-bulk-emails} (SendBulkEmail, {@code TemplateContent}) answers one
 * {@code BulkEmailEntryResults} entry per entry. Errors are SES's: the {@code x-amzn-ErrorType} header and
 * {@code {"message": ...}}, with the status of SES v2's service model ({@link SesErrors}).
 *
 * <p>The {@code Authorization} header must have SigV4's shape ({@code AWS4-HMAC-SHA256 Credential=...,
 * SignedHeaders=..., Signature=...}); the signature is not verified. Each accepted email is one inbox
 * message per destination address (to, cc and bcc), with recipient, incident and version from the
 * {@code X-Clarion-Recipient}, {@code X-Clarion-Incident} and {@code X-Clarion-Version} headers and the
 * message id from {@code Message-ID} without angle brackets and domain. In a bulk request each entry is
 * judged by the fault on its own: a failed entry gets the bulk status of its error code, and only when
 * every entry is throttled (or the channel is down) is the whole request refused.
 */
final class SesEndpoint implements SandboxChannel {

    static final String CHANNEL = "email";
    static final String SEND_EMAIL = "/v2/email/outbound-emails";
    static final String SEND_BULK_EMAIL = "/v2/email/outbound-bulk-emails";

    private final ProviderGate gate;

    SesEndpoint(Inbox inbox, Faults faults) {
        this.gate = new ProviderGate(CHANNEL, faults, requireNonNull(inbox, "inbox"));
    }

    @Override
    public void addRoutes(HttpServerRoutes routes) {
        routes.post(SEND_EMAIL, (request, response) -> handle(request, response, this::sendEmail))
                .post(SEND_BULK_EMAIL, (request, response) -> handle(request, response, this::sendBulkEmail));
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response,
                                   Function<JsonNode, Function<HttpServerResponse, Publisher<Void>>> operation) {
        if (!SesErrors.hasSigV4Shape(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
            return gate.refuse(SesErrors.answer(response, "IncompleteSignatureException",
                    "Authorization header requires AWS4-HMAC-SHA256 Credential, SignedHeaders and Signature"));
        }
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("{}")
                .flatMap(body -> Mono.from(parsed(body, response, operation)));
    }

    private Publisher<Void> parsed(String body, HttpServerResponse response,
                                   Function<JsonNode, Function<HttpServerResponse, Publisher<Void>>> operation) {
        try {
            return operation.apply(JsonReplies.MAPPER.readTree(body)).apply(response);
        } catch (JacksonException | IllegalArgumentException e) {
            return gate.refuse(SesErrors.answer(response, "BadRequestException", e.getMessage()));
        }
    }

    private Function<HttpServerResponse, Publisher<Void>> sendEmail(JsonNode request) {
        SesEmail email = SesEmail.simple(request);
        return response -> gate.pass(email.to(), () -> {
            String messageId = sesMessageId();
            record(email, SEND_EMAIL);
            return JsonReplies.json(response, HttpResponseStatus.OK, Map.of("MessageId", messageId));
        }, verdict -> SesErrors.answer(response, verdict.errorCode(SesErrors.THROTTLED, SesErrors.UNAVAILABLE),
                "injected fault"));
    }

    private Function<HttpServerResponse, Publisher<Void>> sendBulkEmail(JsonNode request) {
        List<SesEmail> emails = SesEmail.bulk(request);
        List<Verdict> verdicts = emails.stream().map(email -> gate.judge(email.to())).toList();
        return response -> Mono.delay(SesErrors.longestLatency(verdicts))
                .flatMap(ignored -> Mono.from(bulkAnswer(emails, verdicts, response)));
    }

    private Publisher<Void> bulkAnswer(List<SesEmail> emails, List<Verdict> verdicts, HttpServerResponse response) {
        if (verdicts.stream().anyMatch(verdict -> verdict.kind() == Verdict.Kind.DOWN)) {
            return gate.refuse(SesErrors.answer(response, SesErrors.UNAVAILABLE, "injected outage"));
        }
        if (verdicts.stream().allMatch(verdict -> verdict.kind() == Verdict.Kind.THROTTLE)) {
            return gate.refuse(SesErrors.answer(response, SesErrors.THROTTLED, "Maximum sending rate exceeded."));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            results.add(entryResult(emails.get(i), verdicts.get(i)));
        }
        return JsonReplies.json(response, HttpResponseStatus.OK, Map.of("BulkEmailEntryResults", results));
    }

    private Map<String, Object> entryResult(SesEmail email, Verdict verdict) {
        if (!verdict.accepted()) {
            gate.countRefusal();
            String errorCode = verdict.errorCode(SesErrors.THROTTLED, SesErrors.UNAVAILABLE);
            return JsonReplies.fields("Status", SesErrors.bulkStatus(errorCode), "Error", errorCode + ": injected fault");
        }
        record(email, SEND_BULK_EMAIL);
        return JsonReplies.fields("Status", "SUCCESS", "MessageId", sesMessageId());
    }

    /** Each recipient of the email as a message; its body (the email's summary as JSON) is written when first read. */
    private void record(SesEmail email, String path) {
        for (String address : email.to()) {
            gate.record(SandboxMessage.withBodyOf(CHANNEL, email.header("X-Clarion-Recipient"),
                    email.header("X-Clarion-Incident"), version(email.header("X-Clarion-Version")),
                    clarionMessageId(email.header("Message-ID")), Instant.now(), path, email.headers(),
                    () -> JsonReplies.MAPPER.writeValueAsString(email.summary())));
        }
    }

    /** {@code <msg_abc@clarion>} → {@code msg_abc}. */
    private static String clarionMessageId(String header) {
        if (header == null) {
            return null;
        }
        String id = header.trim();
        int start = id.startsWith("<") ? 1 : 0;
        int end = id.length() > start && id.endsWith(">") ? id.length() - 1 : id.length();
        id = id.substring(start, end);
        int at = id.indexOf('@');
        return at < 0 ? id : id.substring(0, at);
    }

    private static Long version(String header) {
        try {
            return header == null ? null : Long.valueOf(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * An id shaped like SES's: {@code 0100018f...-...-000000}. Unique, not secret, so from the thread's random
     * numbers: a SecureRandom UUID per email was a noticeable share of the sandbox's time in the benchmark.
     */
    private static String sesMessageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "0100" + HexFormat.of().toHexDigits(random.nextLong()).substring(4) + "-"
                + new UUID(random.nextLong(), random.nextLong()) + "-000000";
    }
}
