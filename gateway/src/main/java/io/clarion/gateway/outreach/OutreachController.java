package io.clarion.gateway.outreach;

import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/incidents/{id}/outreach}: who account managers must contact in person about an incident, and
 * {@code POST /v1/incidents/{id}/outreach/{recipientId}:done}: one of them was. Marking done is audited in its
 * transaction and idempotent: an entry already done for its version is answered as it is, with no new audit entry.
 * Another tenant's incident or entry answers 404.
 */
@RestController
class OutreachController {
    private final OutreachList outreach;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    OutreachController(OutreachList outreach, AuditLog audit, TransactionalOperator tx) {
        this.outreach = outreach;
        this.audit = audit;
        this.tx = tx;
    }

    /** The answer of {@code GET /v1/incidents/{id}/outreach}; {@code open} counts the entries not done. */
    record OutreachView(String incidentId, long open, List<OutreachList.Entry> entries) {
    }

    @GetMapping("/v1/incidents/{id}/outreach")
    @Access(Scope.READ)
    Mono<OutreachView> list(@PathVariable String id, ServerWebExchange exchange) {
        String tenant = Caller.of(exchange).tenant();
        return outreach.incidentExists(tenant, id)
                .flatMap(exists -> exists ? outreach.entries(tenant, id)
                        : Mono.error(ProblemException.notFound("incident '" + id + "'")))
                .map(entries -> new OutreachView(id, entries.stream().filter(e -> !e.done()).count(), entries));
    }

    @PostMapping("/v1/incidents/{id}/outreach/{recipientId}:done")
    @Access(Scope.WRITE)
    Mono<OutreachList.Entry> done(@PathVariable String id, @PathVariable String recipientId,
                                  ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return outreach.markDone(caller.tenant(), id, recipientId, caller.actor())
                .flatMap(version -> audit.record(caller, "outreach.done", "incident/" + id + "/outreach/" + recipientId,
                        Map.of("incidentId", id, "recipientId", recipientId, "version", version)))
                .then(outreach.entry(caller.tenant(), id, recipientId))
                .as(tx::transactional)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("outreach entry for recipient '" + recipientId
                        + "' of incident '" + id + "'")));
    }
}
