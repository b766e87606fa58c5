package io.clarion.gateway.playbook;

import io.clarion.core.broadcast.Approval;
import io.clarion.core.broadcast.Outreach;
import io.clarion.core.playbook.Playbook;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code PUT/GET /v1/playbooks/{name}}: a tenant's playbooks, managed by its admins. */
@RestController
class PlaybookController {
    private final PlaybookStore store;
    private final JsonBodies json;

    PlaybookController(PlaybookStore store, JsonBodies json) {
        this.store = store;
        this.json = json;
    }

    /** The body of {@code PUT /v1/playbooks/{name}}: a playbook without its name (the path gives it). */
    record PlaybookBody(Playbook.Match match, List<String> channels, Playbook.Audience audience, Approval approval,
                        Outreach outreach) {
        Playbook named(String name) {
            return new Playbook(name, match, channels, audience, approval, outreach);
        }
    }

    @PutMapping("/v1/playbooks/{name}")
    @Access(Scope.ADMIN)
    Mono<ResponseEntity<Playbook>> put(@PathVariable String name, @RequestBody byte[] body, ServerWebExchange exchange) {
        Playbook playbook = json.read(body, PlaybookBody.class).named(name);
        var errors = playbook.validate();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        return store.put(Caller.of(exchange), playbook)
                .map(created -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(playbook));
    }

    @GetMapping("/v1/playbooks/{name}")
    @Access(Scope.ADMIN)
    Mono<Playbook> get(@PathVariable String name, ServerWebExchange exchange) {
        return store.find(Caller.of(exchange).tenant(), name)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("playbook '" + name + "'")));
    }
}
