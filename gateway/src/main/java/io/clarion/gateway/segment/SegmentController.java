package io.clarion.gateway.segment;

import io.clarion.core.audience.SegmentRule;
import io.clarion.core.validation.Violations;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code PUT /v1/segments/{name}} and {@code GET /v1/segments/{name}/size}. A segment must select
 * something: match keys, or {@code "all": true} for every recipient; an empty {@code match} is refused.
 */
@RestController
class SegmentController {
    private final SegmentStore store;
    private final JsonBodies json;

    SegmentController(SegmentStore store, JsonBodies json) {
        this.store = store;
        this.json = json;
    }

    record SegmentRequest(Map<String, List<String>> match, Boolean all) {
        boolean matchesAll() {
            return Boolean.TRUE.equals(all);
        }
    }

    record SegmentView(String name, Map<String, List<String>> match, boolean all) {
    }

    record Size(long recipients) {
    }

    @PutMapping("/v1/segments/{name}")
    @Access(Scope.WRITE)
    Mono<ResponseEntity<SegmentView>> put(@PathVariable String name, @RequestBody byte[] body,
                                         ServerWebExchange exchange) {
        SegmentRequest request = json.read(body, SegmentRequest.class);
        Violations violations = new Violations().identifier("name", name)
                .addAll(SegmentRule.validate("match", request.match(), "all", request.matchesAll()));
        if (!violations.isEmpty()) {
            return Mono.error(ProblemException.invalid(violations.errors()));
        }
        SegmentRule rule = request.matchesAll() ? SegmentRule.ALL : new SegmentRule(request.match());
        return store.upsert(Caller.of(exchange), name, rule).map(created -> ResponseEntity
                .status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new SegmentView(name, rule.match(), rule.all())));
    }

    @GetMapping("/v1/segments/{name}/size")
    @Access(Scope.READ)
    Mono<Size> size(@PathVariable String name, ServerWebExchange exchange) {
        String tenant = Caller.of(exchange).tenant();
        return store.findAll(tenant, List.of(name))
                .flatMap(found -> found.containsKey(name)
                        ? store.size(tenant, found.get(name)).map(Size::new)
                        : Mono.error(ProblemException.notFound("segment '" + name + "'")));
    }
}
