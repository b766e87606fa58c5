package io.clarion.gateway.broadcast;

import io.clarion.core.audience.SegmentRule;
import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.core.broadcast.Outreach;
import io.clarion.core.channel.Channel;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.broadcast.IdempotencyKeys.StoredResponse;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.segment.SegmentStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Accepts a broadcast in one transaction: resolves the version and the segments (snapshotting their
 * rules), stores the broadcast row and its outbox record, and whatever the caller adds (the
 * idempotency answer). Any refusal rolls all of it back, so a refused request changes nothing.
 */
@Component
class BroadcastAcceptance {
    private final BroadcastStore broadcasts;
    private final SegmentStore segments;
    private final Publication publication;
    private final TransactionalOperator tx;
    private final JsonBodies json;
    private final AuditLog audit;
    private final ApprovalPolicy approvals;

    BroadcastAcceptance(BroadcastStore broadcasts, SegmentStore segments, Publication publication,
                        TransactionalOperator tx, JsonBodies json, AuditLog audit, ApprovalPolicy approvals) {
        this.approvals = approvals;
        this.broadcasts = broadcasts;
        this.segments = segments;
        this.publication = publication;
        this.tx = tx;
        this.json = json;
        this.audit = audit;
    }

    record Accepted(String id, String status) {
    }

    Mono<StoredResponse> accept(Caller caller, BroadcastRequest request,
                                Function<StoredResponse, Mono<Void>> alsoInTransaction) {
        return accept(caller, request, List.of(), alsoInTransaction);
    }

    /** Accepts a broadcast whose audience also takes every recipient depending on one of {@code services}. */
    Mono<StoredResponse> accept(Caller caller, BroadcastRequest request, List<String> services,
                                Function<StoredResponse, Mono<Void>> alsoInTransaction) {
        UUID id = UUID.randomUUID();
        List<String> recipients = request.audience().recipientsOrEmpty();
        return Mono.zip(version(caller.tenant(), request), segments(caller.tenant(), request.audience().segmentsOrEmpty()))
                .flatMap(found -> approvals.decide(caller.tenant(), request.approval(), found.getT2().values(),
                                recipients, services, Outreach.tiersOf(request.outreach()))
                        .flatMap(approval -> store(caller, request, approval, new BroadcastJob(id.toString(),
                                request.incidentId(), found.getT1(), found.getT2(), recipients,
                                request.parsedChannels(), caller.tenant(), services, request.outreach()))))
                .flatMap(answer -> alsoInTransaction.apply(answer).thenReturn(answer))
                .as(tx::transactional)
                .doOnSuccess(answer -> publication.nudge());
    }

    /** The version the request names (or the latest); 422 when the incident or version does not exist. */
    Mono<Integer> version(String tenant, BroadcastRequest request) {
        return broadcasts.resolveVersion(tenant, request.incidentId(), request.version())
                .switchIfEmpty(Mono.error(() -> ProblemException.unprocessable("incidentId",
                        "incident '" + request.incidentId() + "' does not exist")))
                .flatMap(version -> checkVersion(request, version));
    }

    private static Mono<Integer> checkVersion(BroadcastRequest request, int version) {
        if (version == 0) {
            return Mono.error(ProblemException.unprocessable("incidentId",
                    "incident '" + request.incidentId() + "' has no update yet (post one to its /updates first)"));
        }
        if (version < 0) {
            return Mono.error(ProblemException.unprocessable("version",
                    "version " + request.version() + " does not exist (latest: " + -version + ")"));
        }
        return Mono.just(version);
    }

    /** The rules of the named segments of the tenant; 422 naming the first that does not exist. */
    Mono<Map<String, SegmentRule>> segments(String tenant, List<String> names) {
        return segments.findAll(tenant, names).flatMap(found -> {
            for (int i = 0; i < names.size(); i++) {
                if (!found.containsKey(names.get(i))) {
                    return Mono.error(ProblemException.unprocessable("audience.segments[" + i + "]",
                            "segment '" + names.get(i) + "' does not exist"));
                }
            }
            return Mono.just(found);
        });
    }

    /**
     * Stores the broadcast; without approval it is published (outbox record, outreach list) in the same
     * transaction, with approval the record waits in the row ({@code pending_job}) for the release, so nothing is
     * expanded, and nobody put on the outreach list, before it.
     */
    private Mono<StoredResponse> store(Caller caller, BroadcastRequest request, ApprovalPolicy.Decision approval,
                                       BroadcastJob job) {
        String status = approval.required() ? "pending-approval" : "accepted";
        var answer = new StoredResponse(HttpStatus.ACCEPTED.value(),
                json.write(new Accepted(job.broadcastId(), status)), "/v1/broadcasts/" + job.broadcastId());
        var channels = job.channels().stream().map(Channel::wireName).toList();
        String payload = json.write(job);
        Mono<Void> publish = approval.required() ? Mono.empty() : publication.publish(job, payload);
        return broadcasts.insert(job.tenant(), UUID.fromString(job.broadcastId()), job.incidentId(), job.version(),
                        audienceJson(request, job), channels, caller.apiKeyId(), approval, payload)
                .then(publish)
                .then(audit.record(caller, "broadcast." + status, "broadcast/" + job.broadcastId(),
                        auditDetail(job, channels, approval)))
                .thenReturn(answer);
    }

    private static Map<String, Object> auditDetail(BroadcastJob job, List<String> channels,
                                                   ApprovalPolicy.Decision approval) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>(Map.of("incidentId", job.incidentId(),
                "version", job.version(), "channels", channels));
        if (approval.required()) {
            detail.put("approvalForcedByAudienceCap", approval.forced());
            detail.put("autoReleaseAfter", String.valueOf(approval.autoRelease()));
        }
        return detail;
    }

    private String audienceJson(BroadcastRequest request, BroadcastJob job) {
        Map<String, Object> audience = new java.util.LinkedHashMap<>(Map.of("segments",
                request.audience().segmentsOrEmpty(), "recipients", request.audience().recipientsOrEmpty(),
                "rules", job.segments(), "services", job.services()));
        if (job.outreach() != null) {
            audience.put("outreach", job.outreach());
        }
        return json.write(audience);
    }
}
