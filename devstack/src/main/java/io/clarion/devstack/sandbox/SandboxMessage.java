package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One message the sandbox received, as a provider would have delivered it. A value with the accessors (and the JSON,
 * in {@code GET /sandbox/messages}) of the record it was;
 * its body may be {@linkplain #withBodyOf written when first read}: the SES endpoint records each recipient of a bulk
 * call as its own message, and the inbox keeps only the newest of them, so most bodies are never read.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"channel", "recipient", "incidentId", "version", "messageId", "receivedAt", "path", "headers",
        "body"})
public final class SandboxMessage {
    private final String channel;
    private final String recipient;
    private final String incidentId;
    private final Long version;
    private final String messageId;
    private final Instant receivedAt;
    private final String path;
    private final Map<String, String> headers;
    private Supplier<String> bodySource;
    private volatile String body;

    /**
     * @param channel    {@code webhook}, {@code email}, {@code sms} or {@code push}
     * @param recipient  the Clarion recipient id, or {@code null} when the message did not say
     * @param incidentId the incident id, or {@code null} when the message did not say
     * @param version    the incident update's version, or {@code null} when the message did not say
     * @param messageId  the sender's stable message id (a webhook's {@code webhook-id} header), or {@code null}
     * @param receivedAt when the sandbox received it
     * @param path       the request path it was sent to
     * @param headers    the protocol headers that matter for the channel, by lowercase name
     * @param body       the raw request body
     */
    public SandboxMessage(String channel, String recipient, String incidentId, Long version, String messageId,
                          Instant receivedAt, String path, Map<String, String> headers, String body) {
        this(channel, recipient, incidentId, version, messageId, receivedAt, path, headers, null,
                requireNonNull(body, "body"));
    }

    private SandboxMessage(String channel, String recipient, String incidentId, Long version, String messageId,
                           Instant receivedAt, String path, Map<String, String> headers, Supplier<String> bodySource,
                           String body) {
        this.channel = requireNonNull(channel, "channel");
        this.recipient = recipient;
        this.incidentId = incidentId;
        this.version = version;
        this.messageId = messageId;
        this.receivedAt = requireNonNull(receivedAt, "receivedAt");
        this.path = requireNonNull(path, "path");
        this.headers = Map.copyOf(requireNonNull(headers, "headers"));
        this.bodySource = bodySource;
        this.body = body;
    }

    /** The same message with its body written by {@code source} when first read (at most once). */
    public static SandboxMessage withBodyOf(String channel, String recipient, String incidentId, Long version,
                                            String messageId, Instant receivedAt, String path,
                                            Map<String, String> headers, Supplier<String> source) {
        return new SandboxMessage(channel, recipient, incidentId, version, messageId, receivedAt, path, headers,
                requireNonNull(source, "source"), null);
    }

    @JsonProperty
    public String channel() {
        return channel;
    }

    @JsonProperty
    public String recipient() {
        return recipient;
    }

    @JsonProperty
    public String incidentId() {
        return incidentId;
    }

    @JsonProperty
    public Long version() {
        return version;
    }

    @JsonProperty
    public String messageId() {
        return messageId;
    }

    @JsonProperty
    public Instant receivedAt() {
        return receivedAt;
    }

    @JsonProperty
    public String path() {
        return path;
    }

    @JsonProperty
    public Map<String, String> headers() {
        return headers;
    }

    @JsonProperty
    public String body() {
        String written = body;
        if (written == null) {
            synchronized (this) {
                if (body == null) {
                    body = requireNonNull(bodySource.get(), "body");
                    bodySource = null;
                }
                written = body;
            }
        }
        return written;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SandboxMessage that && channel.equals(that.channel)
                && Objects.equals(recipient, that.recipient) && Objects.equals(incidentId, that.incidentId)
                && Objects.equals(version, that.version) && Objects.equals(messageId, that.messageId)
                && receivedAt.equals(that.receivedAt) && path.equals(that.path) && headers.equals(that.headers)
                && body().equals(that.body());
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, recipient, incidentId, version, messageId, receivedAt, path, headers, body());
    }

    @Override
    public String toString() {
        return "SandboxMessage[channel=" + channel + ", recipient=" + recipient + ", incidentId=" + incidentId
                + ", version=" + version + ", messageId=" + messageId + ", receivedAt=" + receivedAt + ", path=" + path
                + ", headers=" + headers + ", body=" + body() + "]";
    }
}
