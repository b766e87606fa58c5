package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One message the sandbox received, as a provider would have delivered it.
 *
 * @param channel    {@code webhook}, {@code email}, {@code sms} or {@code push}
 * @param recipient  the Clarion recipient id, or {@code null} when the message did not say
 * @param incidentId the incident id, or {@code null} when the message did not say
 * @param version    the incident update's version, or {@code null} when the message did not say
 * @param messageId  the sender's stable message id (a webhook's {@code webhook-id} header), or
 *                   {@code null}
 * @param receivedAt when the sandbox received it
 * @param path       the request path it was sent to
 * @param headers    the protocol headers that matter for the channel, by lowercase name
 * @param body       the raw request body
 */
public record SandboxMessage(String channel, String recipient, String incidentId, Long version, String messageId,
                             Instant receivedAt, String path, Map<String, String> headers, String body) {

    public SandboxMessage {
        requireNonNull(channel, "channel");
        requireNonNull(receivedAt, "receivedAt");
        requireNonNull(path, "path");
        headers = Map.copyOf(requireNonNull(headers, "headers"));
        requireNonNull(body, "body");
    }
}
