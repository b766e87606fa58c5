package io.clarion.gateway.broadcast;

import io.clarion.core.broadcast.Outreach;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.broadcast.IdempotencyKeys.StoredResponse;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.template.TemplatePreview;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Submits broadcasts, with or without an Idempotency-Key, and reads their progress. */
@Service
class BroadcastService {
    private final BroadcastAcceptance acceptance;
    private final IdempotencyKeys idempotencyKeys;
    private final BroadcastStore broadcasts;
    private final Approvals approvals;
    private final BlastRadius blastRadius;
    private final TemplatePreview messages;

    BroadcastService(BroadcastAcceptance acceptance, IdempotencyKeys idempotencyKeys, BroadcastStore broadcasts,
                     Approvals approvals, BlastRadius blastRadius, TemplatePreview messages) {
        this.approvals = approvals;
        this.messages = messages;
        this.blastRadius = blastRadius;
        this.acceptance = acceptance;
        this.idempotencyKeys = idempotencyKeys;
        this.broadcasts = broadcasts;
    }

    Mono<StoredResponse> submit(Caller caller, BroadcastRequest request) {
        return acceptance.accept(caller, request, answer -> Mono.empty());
    }

    /** The first answer for this key and body is stored with the broadcast and replayed afterwards. */
    Mono<StoredResponse> submit(Caller caller, BroadcastRequest request, String key, byte[] requestHash) {
        long apiKeyId = caller.apiKeyId();
        return idempotencyKeys.claim(apiKeyId, key, requestHash)
                .switchIfEmpty(Mono.defer(() -> acceptance
                        .accept(caller, request, answer -> idempotencyKeys.complete(apiKeyId, key, answer))
                        .onErrorResume(e -> idempotencyKeys.release(apiKeyId, key).then(Mono.error(e)))));
    }

    Mono<BroadcastStore.BroadcastView> find(Caller caller, String id) {
        return parse(id).flatMap(uuid -> broadcasts.find(caller.tenant(), uuid))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("broadcast '" + id + "'")));
    }

    /** Approves a pending broadcast; answers it as it is afterwards. */
    Mono<BroadcastStore.BroadcastView> approve(Caller caller, String id) {
        return existing(id).flatMap(uuid -> approvals.approve(caller, uuid).then(find(caller, id)));
    }

    /** Rejects a pending broadcast; answers it as it is afterwards. */
    Mono<BroadcastStore.BroadcastView> reject(Caller caller, String id, String reason) {
        return existing(id).flatMap(uuid -> approvals.reject(caller, uuid, reason).then(find(caller, id)));
    }

    /** What {@code request} would target, counted now; refused exactly as its submission would be; changes nothing. */
    Mono<BlastRadius.Preview> preview(Caller caller, BroadcastRequest request) {
        return acceptance.version(caller.tenant(), request)
                .flatMap(version -> acceptance.segments(caller.tenant(), request.audience().segmentsOrEmpty())
                        .flatMap(rules -> blastRadius.preview(caller.tenant(), request.incidentId(), version, rules,
                                request.audience().recipientsOrEmpty(), List.of(), request.parsedChannels(),
                                Outreach.tiersOf(request.outreach())))
                        .flatMap(preview -> withMessages(caller.tenant(), request.incidentId(), version, preview)));
    }

    /** What a stored broadcast targets (its segment rules as snapshotted), counted over the recipients as they are now. */
    Mono<BlastRadius.Preview> preview(Caller caller, String id) {
        return parse(id).flatMap(uuid -> broadcasts.target(caller.tenant(), uuid))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("broadcast '" + id + "'")))
                .flatMap(target -> blastRadius.preview(caller.tenant(), target.incidentId(), target.version(), target.rules(),
                                target.recipients(), target.services(), target.channels(), target.outreachTiers())
                        .flatMap(preview -> withMessages(caller.tenant(), target.incidentId(), target.version(), preview)));
    }

    /** The samples with the message each of their channels would send them (the template render's own code). */
    private Mono<BlastRadius.Preview> withMessages(String tenant, String incidentId, Integer version,
                                                   BlastRadius.Preview preview) {
        return messages.samples(tenant, incidentId, version, preview.sampleChannels()).map(preview::withMessages);
    }

    private static Mono<UUID> existing(String id) {
        return parse(id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("broadcast '" + id + "'")));
    }

    private static Mono<UUID> parse(String id) {
        try {
            return Mono.just(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Mono.empty();
        }
    }
}
