package io.clarion.gateway.component;

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

/** The components of the caller's tenant's status page. */
@RestController
class ComponentController {
    private final ComponentStore store;
    private final JsonBodies json;

    ComponentController(ComponentStore store, JsonBodies json) {
        this.store = store;
        this.json = json;
    }

    @PutMapping("/v1/components/{id}")
    @Access(Scope.WRITE)
    Mono<ResponseEntity<ComponentView>> put(@PathVariable String id, @RequestBody byte[] body, ServerWebExchange exchange) {
        ComponentRequest component = json.read(body, ComponentRequest.class);
        var errors = component.validate(id);
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        Caller caller = Caller.of(exchange);
        return store.upsert(caller, id, component)
                .flatMap(created -> store.find(caller.tenant(), id)
                        .map(view -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view)));
    }

    @GetMapping("/v1/components")
    @Access(Scope.READ)
    Mono<Map<String, List<ComponentView>>> list(ServerWebExchange exchange) {
        return store.list(Caller.of(exchange).tenant()).map(components -> Map.of("components", components));
    }
}
