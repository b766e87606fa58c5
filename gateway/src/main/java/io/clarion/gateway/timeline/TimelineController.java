package io.clarion.gateway.timeline;

import io.clarion.core.validation.FieldError;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/incidents/{id}/timeline} and {@code GET /v1/kpis?from=&to=} (read scope, the caller's tenant only):
 * read from the tables that record what happened, nothing is kept on the side.
 */
@RestController
class TimelineController {
    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final TimelineStore store;

    TimelineController(TimelineStore store) {
        this.store = store;
    }

    @GetMapping("/v1/incidents/{id}/timeline")
    @Access(Scope.READ)
    Mono<Timeline> timeline(@PathVariable String id, ServerWebExchange exchange) {
        String tenant = Caller.of(exchange).tenant();
        return store.incidentExists(tenant, id)
                .flatMap(exists -> exists ? Mono.empty() : Mono.error(ProblemException.notFound("incident '" + id + "'")))
                .then(Mono.zip(store.updates(tenant, id).collectList(), store.broadcastsOf(tenant, id).collectList()))
                .flatMap(found -> {
                    List<UUID> ids = found.getT2().stream().map(TimelineStore.Broadcast::id).toList();
                    return Mono.zip(store.outcomes(tenant, ids).collectList(), store.approvals(tenant, ids).collectList())
                            .map(more -> Timeline.of(id, found.getT1(), BroadcastFigures.of(found.getT2(), more.getT1()),
                                    more.getT2()));
                });
    }

    @GetMapping("/v1/kpis")
    @Access(Scope.READ)
    Mono<KpiReport> kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                         ServerWebExchange exchange) {
        String tenant = Caller.of(exchange).tenant();
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : instant("from", from);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            return Mono.error(ProblemException.invalid(List.of(new FieldError("from",
                    "must be before 'to', at most " + MAX_WINDOW.toDays() + " days before it"))));
        }
        return store.broadcastsCreated(tenant, start, end).collectList().flatMap(all -> {
            boolean truncated = all.size() > TimelineStore.MAX_BROADCASTS;
            List<TimelineStore.Broadcast> broadcasts = truncated ? all.subList(0, TimelineStore.MAX_BROADCASTS) : all;
            List<UUID> ids = broadcasts.stream().map(TimelineStore.Broadcast::id).toList();
            return Mono.zip(store.outcomes(tenant, ids).collectList(), store.suppressedReasons(tenant, ids).collectList(),
                            store.deferredReasons(tenant, ids).collectList())
                    .map(found -> KpiReport.of(start, end, truncated, BroadcastFigures.of(broadcasts, found.getT1()),
                            found.getT2(), found.getT3()));
        });
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(List.of(new FieldError(field,
                    "'" + value + "' is not an instant (expected: ISO 8601 UTC, e.g. 2026-11-30T12:00:00Z)")));
        }
    }
}
