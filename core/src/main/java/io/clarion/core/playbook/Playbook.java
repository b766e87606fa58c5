package io.clarion.core.playbook;

import io.clarion.core.broadcast.Approval;
import io.clarion.core.broadcast.Outreach;
import io.clarion.core.channel.Channel;
import io.clarion.core.incident.Severity;
import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What to broadcast for an incident that matches: channels, audience and approval. A playbook matches an
 * incident when every key of its {@code match} does (severity among {@code severities}; at least one tag among
 * {@code tags}); a key left out matches anything. Among matching playbooks the most specific wins: the one with
 * more match keys, then the first by name, so the choice never depends on storage order. {@code outreach} (null:
 * none) takes the audience's recipients of its tiers out of the broadcast and onto the incident's outreach list.
 */
public record Playbook(String name, Match match, List<String> channels, Audience audience, Approval approval,
                       Outreach outreach) {
    private static final Comparator<Playbook> MOST_SPECIFIC_FIRST =
            Comparator.comparingInt(Playbook::specificity).reversed().thenComparing(Playbook::name);

    /** A playbook without outreach. */
    public Playbook(String name, Match match, List<String> channels, Audience audience, Approval approval) {
        this(name, match, channels, audience, approval, null);
    }

    /** Keys left out (or empty) match anything. */
    public record Match(List<String> severities, List<String> tags) {
    }

    /** Segments, plus with {@code affectedServices} every recipient depending on a service of the incident. */
    public record Audience(List<String> segments, Boolean affectedServices) {
        public List<String> segmentsOrEmpty() {
            return segments == null ? List.of() : segments;
        }

        public boolean withAffectedServices() {
            return Boolean.TRUE.equals(affectedServices);
        }
    }

    /** The most specific playbook matching an incident with this severity and these tags, if any. */
    public static Optional<Playbook> mostSpecific(Collection<Playbook> playbooks, String severity,
                                                 Collection<String> tags) {
        return playbooks.stream().filter(p -> p.matches(severity, tags)).min(MOST_SPECIFIC_FIRST);
    }

    public boolean matches(String severity, Collection<String> tags) {
        if (match == null) {
            return true;
        }
        boolean severityMatches = isEmpty(match.severities()) || match.severities().contains(severity);
        boolean tagsMatch = isEmpty(match.tags()) || match.tags().stream().anyMatch(tags::contains);
        return severityMatches && tagsMatch;
    }

    /** How many match keys this playbook has (0: it matches every incident). */
    public int specificity() {
        return match == null ? 0 : (isEmpty(match.severities()) ? 0 : 1) + (isEmpty(match.tags()) ? 0 : 1);
    }

    /** What is wrong with a playbook as {@code PUT /v1/playbooks/{name}} received it. */
    public List<FieldError> validate() {
        Violations v = new Violations().identifier("name", name);
        if (match != null) {
            v.strings("match.severities", match.severities(), 8).strings("match.tags", match.tags(), 64);
            List<String> severities = match.severities() == null ? List.of() : match.severities();
            for (int i = 0; i < severities.size(); i++) {
                if (severities.get(i) != null && Severity.parse(severities.get(i)).isEmpty()) {
                    v.add("match.severities[" + i + "]", "'" + severities.get(i) + "' is not a severity (expected: SEV1 ... SEV5)");
                }
            }
        }
        validateChannels(v);
        if (audience == null || (audience.segmentsOrEmpty().isEmpty() && !audience.withAffectedServices())) {
            v.add("audience", "names no segment and no affectedServices (expected: at least one)");
        } else {
            v.strings("audience.segments", audience.segments(), 128);
        }
        if (approval != null) {
            approval.validate("approval", v);
        }
        if (outreach != null) {
            outreach.validate("outreach", v);
        }
        return v.errors();
    }

    private void validateChannels(Violations v) {
        if (channels == null || channels.isEmpty()) {
            v.add("channels", "is required (expected: one or more of email, sms, push, webhook)");
            return;
        }
        for (int i = 0; i < channels.size(); i++) {
            if (Channel.parse(channels.get(i)).isEmpty()) {
                v.add("channels[" + i + "]", "'" + channels.get(i) + "' is not a channel (expected: email, sms, push or webhook)");
            }
        }
    }

    private static boolean isEmpty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
