package io.clarion.core.broadcast;

import static java.util.Objects.requireNonNull;

import io.clarion.core.audience.SegmentRule;
import io.clarion.core.channel.Channel;
import java.util.List;
import java.util.Map;

/**
 * "Deliver update {@code version} of incident {@code incidentId} to this audience over these
 * channels": the record on {@code clarion.broadcasts}. Segment rules are a snapshot taken when the
 * broadcast was accepted, so a segment edited afterwards does not change who this broadcast targets.
 * {@code tenant} owns the broadcast: expansion reads only that tenant's recipients and update.
 * {@code services} adds every recipient that depends on one of them (a playbook's {@code affectedServices},
 * snapshotted from the incident at acceptance); records written before it existed read as none.
 * {@code outreach} (null: none) withholds the recipients of its tiers from expansion: they are reached in person,
 * through the incident's outreach list, never by this broadcast.
 */
public record BroadcastJob(String broadcastId, String incidentId, int version, Map<String, SegmentRule> segments,
                           List<String> recipients, List<Channel> channels, String tenant, List<String> services,
                           Outreach outreach) {
    /** The tenant of a broadcast that did not say (records written before tenants existed). */
    public static final String DEFAULT_TENANT = "default";

    public BroadcastJob {
        requireNonNull(broadcastId, "broadcastId");
        requireNonNull(incidentId, "incidentId");
        segments = Map.copyOf(requireNonNull(segments, "segments"));
        recipients = List.copyOf(requireNonNull(recipients, "recipients"));
        channels = List.copyOf(requireNonNull(channels, "channels"));
        tenant = tenant == null ? DEFAULT_TENANT : tenant;
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** A job without outreach. */
    public BroadcastJob(String broadcastId, String incidentId, int version, Map<String, SegmentRule> segments,
                        List<String> recipients, List<Channel> channels, String tenant, List<String> services) {
        this(broadcastId, incidentId, version, segments, recipients, channels, tenant, services, null);
    }

    /** The tiers this broadcast does not reach (its outreach's), none without outreach. */
    public List<String> outreachTiers() {
        return Outreach.tiersOf(outreach);
    }

    /** A job without affected services. */
    public BroadcastJob(String broadcastId, String incidentId, int version, Map<String, SegmentRule> segments,
                        List<String> recipients, List<Channel> channels, String tenant) {
        this(broadcastId, incidentId, version, segments, recipients, channels, tenant, List.of());
    }
}
