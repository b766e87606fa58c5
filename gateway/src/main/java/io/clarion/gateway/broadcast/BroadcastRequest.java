package io.clarion.gateway.broadcast;

import io.clarion.core.broadcast.Approval;
import io.clarion.core.broadcast.Outreach;
import io.clarion.core.channel.Channel;
import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.util.List;

/**
 * The body of {@code POST /v1/broadcasts} (and of its preview); {@code version} null means the incident's latest,
 * {@code approval} null means none asked for (the tenant's audience cap may still require one), {@code outreach}
 * null means every recipient of the audience is broadcast to.
 */
record BroadcastRequest(String incidentId, Integer version, Audience audience, List<String> channels,
                        Approval approval, Outreach outreach) {
    static final int MAX_EXPLICIT_RECIPIENTS = 10_000;
    static final int MAX_SEGMENTS = 100;

    /** A request without outreach. */
    BroadcastRequest(String incidentId, Integer version, Audience audience, List<String> channels, Approval approval) {
        this(incidentId, version, audience, channels, approval, null);
    }

    record Audience(List<String> segments, List<String> recipients) {
        List<String> segmentsOrEmpty() {
            return segments == null ? List.of() : segments;
        }

        List<String> recipientsOrEmpty() {
            return recipients == null ? List.of() : recipients;
        }
    }

    List<FieldError> validate() {
        Violations v = new Violations().required("incidentId", incidentId).identifier("incidentId", incidentId);
        if (version != null && version < 1) {
            v.add("version", version + " is not a version (expected: >= 1, or omitted for the latest)");
        }
        validateAudience(v);
        validateChannels(v);
        if (approval != null) {
            approval.validate("approval", v);
        }
        if (outreach != null) {
            outreach.validate("outreach", v);
        }
        return v.errors();
    }

    private void validateAudience(Violations v) {
        if (audience == null) {
            v.add("audience", "is required");
            return;
        }
        if (audience.segmentsOrEmpty().isEmpty() && audience.recipientsOrEmpty().isEmpty()) {
            v.add("audience", "names no segment and no recipient (expected: at least one)");
        }
        if (audience.segmentsOrEmpty().size() > MAX_SEGMENTS) {
            v.add("audience.segments", "lists " + audience.segments().size() + " (expected: at most " + MAX_SEGMENTS + ")");
        }
        if (audience.recipientsOrEmpty().size() > MAX_EXPLICIT_RECIPIENTS) {
            v.add("audience.recipients", "lists " + audience.recipients().size() + " (expected: at most "
                    + MAX_EXPLICIT_RECIPIENTS + "; use a segment for more)");
        }
        v.strings("audience.segments", audience.segments(), 128).strings("audience.recipients", audience.recipients(), 128);
    }

    private void validateChannels(Violations v) {
        if (channels == null || channels.isEmpty()) {
            v.add("channels", "is required (expected: one or more of email, sms, push, webhook)");
            return;
        }
        for (int i = 0; i < channels.size(); i++) {
            if (Channel.parse(channels.get(i)).isEmpty()) {
                v.add("channels[" + i + "]", "'" + channels.get(i) + "' is not a channel "
                        + "(expected: email, sms, push or webhook)");
            }
        }
    }

    List<Channel> parsedChannels() {
        return channels.stream().map(c -> Channel.parse(c).orElseThrow()).distinct().toList();
    }
}
