package io.clarion.gateway.broadcast;

import io.clarion.core.audience.SegmentRule;
import io.clarion.core.broadcast.Outreach;
import io.clarion.core.channel.Channel;
import io.clarion.gateway.http.JsonBodies;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/** Broadcast rows, per tenant: written once by the gateway, their status and counters advanced by dispatchers. */
@Component
class BroadcastStore {
    private static final TypeReference<AudienceSnapshot> SNAPSHOT = new TypeReference<>() { };

    private final DatabaseClient db;
    private final JsonBodies json;

    BroadcastStore(DatabaseClient db, JsonBodies json) {
        this.db = db;
        this.json = json;
    }

    /**
     * A broadcast's progress; {@code deferred} is the part of {@code pending} waiting now for a blackout, a
     * recipient's limit or an open circuit (see {@code deferred_deliveries}).
     */
    record Counts(long targeted, long sent, long failed, long superseded, long suppressed, long pending,
                  long deferred) {
    }

    /** The approval of a broadcast that needed one; who and when are null until it happened. */
    record Approval(boolean required, boolean forcedByAudienceCap, String autoReleaseAfter, Instant releaseAt,
                    String approvedBy, Instant approvedAt, String rejectedBy, Instant rejectedAt, String reason) {
    }

    /** {@code approval} is null for a broadcast that never needed one. */
    record BroadcastView(UUID id, String incidentId, int version, String status, Counts counts, Approval approval) {
    }

    /**
     * What a stored broadcast targets: its segment rules as snapshotted at submission, recipients, channels, and the
     * tiers it leaves to outreach.
     */
    record Target(String incidentId, int version, Map<String, SegmentRule> rules, List<String> recipients,
                  List<String> services, List<Channel> channels, List<String> outreachTiers) {
    }

    private record AudienceSnapshot(List<String> segments, List<String> recipients, Map<String, SegmentRule> rules,
                                    List<String> services, Outreach outreach) {
    }

    Mono<Target> target(String tenant, UUID id) {
        return db.sql("SELECT incident_id, version, audience, channels FROM broadcasts WHERE tenant_id = $2 AND id = $1")
                .bind(0, id).bind(1, tenant)
                .map(row -> {
                    AudienceSnapshot audience = json.read(row.get("audience", Json.class).asString(), SNAPSHOT);
                    List<Channel> channels = java.util.Arrays.stream(row.get("channels", String[].class))
                            .map(name -> Channel.parse(name).orElseThrow()).toList();
                    return new Target(row.get("incident_id", String.class), row.get("version", Integer.class),
                            audience.rules() == null ? Map.of() : audience.rules(),
                            audience.recipients() == null ? List.of() : audience.recipients(),
                            audience.services() == null ? List.of() : audience.services(), channels,
                            Outreach.tiersOf(audience.outreach()));
                })
                .one();
    }

    /** The version to broadcast: the requested one if it exists, the latest when none was requested. */
    Mono<Integer> resolveVersion(String tenant, String incidentId, Integer requested) {
        return db.sql("SELECT latest_version FROM incidents WHERE tenant_id = $2 AND id = $1")
                .bind(0, incidentId).bind(1, tenant)
                .map(row -> row.get("latest_version", Integer.class))
                .one()
                .map(latest -> requested == null ? latest : (requested <= latest ? requested : -latest));
    }

    /**
     * Stores a broadcast ({@code apiKeyId} 0: submitted by no key, e.g. a signed PagerDuty webhook): {@code accepted} when no approval is needed, else {@code pending-approval} holding
     * {@code pendingJob} (the outbox payload its release writes) and its release time, if any.
     */
    Mono<Void> insert(String tenant, UUID id, String incidentId, int version, String audienceJson,
                      List<String> channels, long apiKeyId, ApprovalPolicy.Decision approval, String pendingJob) {
        var spec = db.sql("""
                        INSERT INTO broadcasts (tenant_id, id, incident_id, version, audience, channels, api_key_id,
                          status, approval_required, approval_forced, auto_release_after, release_at, pending_job)
                        VALUES ($7, $1, $2, $3, $4, $5, $6, $8, $9, $10, $11,
                          now() + make_interval(secs => $12), $13)""")
                .bindValues(List.of(id, incidentId, version, Json.of(audienceJson), channels.toArray(String[]::new),
                        Parameter.fromOrEmpty(apiKeyId > 0 ? apiKeyId : null, Long.class), tenant))
                .bind(7, approval.required() ? "pending-approval" : "accepted")
                .bind(8, approval.required())
                .bind(9, approval.forced());
        Duration release = approval.autoRelease();
        spec = release == null ? spec.bindNull(10, String.class).bindNull(11, Double.class)
                : spec.bind(10, release.toString()).bind(11, release.toMillis() / 1000.0);
        spec = approval.required() ? spec.bind(12, pendingJob) : spec.bindNull(12, String.class);
        return spec.then();
    }

    Mono<BroadcastView> find(String tenant, UUID id) {
        return db.sql("""
                        SELECT id, incident_id, version, status, targeted, sent, failed, superseded, suppressed,
                          approval_required, approval_forced, auto_release_after, release_at, approved_by, approved_at,
                          rejected_by, rejected_at, reject_reason,
                          (SELECT count(*) FROM deferred_deliveries d WHERE d.broadcast_id = b.id
                             AND NOT EXISTS (SELECT 1 FROM deliveries x WHERE x.broadcast_id = d.broadcast_id
                                             AND x.recipient_id = d.recipient_id AND x.channel = d.channel)) AS deferred
                        FROM broadcasts b WHERE tenant_id = $2 AND id = $1""")
                .bind(0, id).bind(1, tenant)
                .map(row -> {
                    long targeted = row.get("targeted", Long.class);
                    long sent = row.get("sent", Long.class);
                    long failed = row.get("failed", Long.class);
                    long superseded = row.get("superseded", Long.class);
                    long suppressed = row.get("suppressed", Long.class);
                    long pending = Math.max(0, targeted - sent - failed - superseded - suppressed);
                    return new BroadcastView(row.get("id", UUID.class), row.get("incident_id", String.class),
                            row.get("version", Integer.class), row.get("status", String.class),
                            new Counts(targeted, sent, failed, superseded, suppressed, pending,
                                    Math.min(pending, row.get("deferred", Long.class))), approval(row));
                })
                .one();
    }

    private static Approval approval(Readable row) {
        if (!row.get("approval_required", Boolean.class)) {
            return null;
        }
        return new Approval(true, row.get("approval_forced", Boolean.class), row.get("auto_release_after", String.class),
                instant(row, "release_at"), row.get("approved_by", String.class), instant(row, "approved_at"),
                row.get("rejected_by", String.class), instant(row, "rejected_at"), row.get("reject_reason", String.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
