package io.clarion.gateway.blackout;

import io.clarion.core.blackout.Blackout;
import io.clarion.core.blackout.BlackoutWindow;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.segment.SegmentStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code PUT/DELETE /v1/blackouts/{name}} and {@code GET /v1/blackouts}: a tenant's blackout windows, managed by its
 * admins. A body is refused with 400 naming each bad field, a segment that does not exist with 422; a refused
 * request changes nothing. Dispatchers apply a change within {@code clarion.blackouts.refresh}.
 */
@RestController
class BlackoutController {
    private final BlackoutStore store;
    private final SegmentStore segments;
    private final JsonBodies json;

    BlackoutController(BlackoutStore store, SegmentStore segments, JsonBodies json) {
        this.store = store;
        this.segments = segments;
        this.json = json;
    }

    /** The body of {@code PUT /v1/blackouts/{name}}: a blackout without its name (the path gives it). */
    record BlackoutBody(Blackout.Audience audience, BlackoutWindow window, List<String> overrideSeverities) {
        Blackout named(String name) {
            return new Blackout(name, audience, window, overrideSeverities);
        }
    }

    /** A blackout as answered: the window with only the fields of its shape. */
    record BlackoutView(String name, Blackout.Audience audience, Map<String, String> window,
                        List<String> overrideSeverities) {
        static BlackoutView of(Blackout blackout) {
            Map<String, String> window = new LinkedHashMap<>();
            BlackoutWindow w = blackout.window();
            if (w.daily()) {
                window.put("dailyFrom", w.dailyFrom());
                window.put("dailyTo", w.dailyTo());
            } else {
                window.put("start", w.start());
                window.put("end", w.end());
            }
            return new BlackoutView(blackout.name(), blackout.audience(), window, blackout.overrideSeverities());
        }
    }

    record BlackoutList(List<BlackoutView> blackouts) {
    }

    @PutMapping("/v1/blackouts/{name}")
    @Access(Scope.ADMIN)
    Mono<ResponseEntity<BlackoutView>> put(@PathVariable String name, @RequestBody byte[] body,
                                          ServerWebExchange exchange) {
        Blackout blackout = json.read(body, BlackoutBody.class).named(name);
        var errors = blackout.validate();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        Caller caller = Caller.of(exchange);
        return segmentsExist(caller.tenant(), blackout.segmentsOrEmpty())
                .then(store.put(caller, blackout))
                .map(created -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(BlackoutView.of(blackout)));
    }

    @GetMapping("/v1/blackouts")
    @Access(Scope.ADMIN)
    Mono<BlackoutList> list(ServerWebExchange exchange) {
        return store.all(Caller.of(exchange).tenant())
                .map(all -> new BlackoutList(all.stream().map(BlackoutView::of).toList()));
    }

    @DeleteMapping("/v1/blackouts/{name}")
    @Access(Scope.ADMIN)
    Mono<ResponseEntity<Void>> delete(@PathVariable String name, ServerWebExchange exchange) {
        return store.delete(Caller.of(exchange), name).flatMap(deleted -> deleted
                ? Mono.just(ResponseEntity.noContent().<Void>build())
                : Mono.error(ProblemException.notFound("blackout '" + name + "'")));
    }

    /** 422 naming the first segment of the audience that the tenant does not have. */
    private Mono<Void> segmentsExist(String tenant, List<String> names) {
        if (names.isEmpty()) {
            return Mono.empty();
        }
        return segments.findAll(tenant, names).flatMap(found -> {
            for (int i = 0; i < names.size(); i++) {
                if (!found.containsKey(names.get(i))) {
                    return Mono.error(ProblemException.unprocessable("audience.segments[" + i + "]",
                            "segment '" + names.get(i) + "' does not exist (expected: a segment of this tenant)"));
                }
            }
            return Mono.empty();
        });
    }
}
