package io.clarion.gateway.incident;

import io.clarion.core.template.TemplateNames;
import io.clarion.core.validation.FieldError;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.incident.IncidentRequests.IncidentRequest;
import io.clarion.gateway.incident.IncidentRequests.UpdateRequest;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.template.TemplateStore;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Incidents and their versioned updates. */
@RestController
class IncidentController {
    private final IncidentStore store;
    private final IncidentUpdates updates;
    private final JsonBodies json;
    private final TemplateStore templates;

    IncidentController(IncidentStore store, IncidentUpdates updates, JsonBodies json, TemplateStore templates) {
        this.store = store;
        this.updates = updates;
        this.json = json;
        this.templates = templates;
    }

    @PutMapping("/v1/incidents/{id}")
    @Access(Scope.WRITE)
    Mono<ResponseEntity<IncidentStore.IncidentView>> put(@PathVariable String id, @RequestBody byte[] body,
                                                       ServerWebExchange exchange) {
        IncidentRequest incident = json.read(body, IncidentRequest.class);
        var errors = incident.validate(id);
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        Caller caller = Caller.of(exchange);
        return store.upsert(caller, id, incident)
                .flatMap(created -> store.find(caller.tenant(), id)
                        .map(view -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view)));
    }

    @PostMapping("/v1/incidents/{id}/updates")
    @Access(Scope.WRITE)
    Mono<ResponseEntity<IncidentStore.Version>> addUpdate(@PathVariable String id, @RequestBody byte[] body,
                                                          ServerWebExchange exchange) {
        UpdateRequest update = json.read(body, UpdateRequest.class);
        var errors = update.validate();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        Caller caller = Caller.of(exchange);
        return pinTemplate(caller.tenant(), update).flatMap(pinned -> updates.add(caller, id, update, pinned))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("incident '" + id + "'")))
                .map(version -> ResponseEntity.status(HttpStatus.CREATED).body(version));
    }

    /**
     * The template versions the update pins (none without a template). A named template must exist, and every
     * {@code variables.<key>} the pinned versions use must be given: else a 422, nothing stored.
     */
    private Mono<Map<String, Integer>> pinTemplate(String tenant, UpdateRequest update) {
        if (update.template() == null) {
            return Mono.just(Map.of());
        }
        return templates.pin(tenant, update.template())
                .switchIfEmpty(Mono.error(() -> ProblemException.unprocessable("template",
                        "'" + update.template() + "' does not exist (expected: a template put with PUT /v1/templates)")))
                .flatMap(pinned -> {
                    List<String> missing = TemplateNames.missingVariables(pinned.names(), update.variables());
                    return missing.isEmpty() ? Mono.just(pinned.versions()) : Mono.error(new ProblemException(
                            HttpStatus.UNPROCESSABLE_CONTENT, "missing-variables", "template '" + update.template()
                            + "' uses variables the update does not give: " + String.join(", ", missing),
                            missing.stream().map(name -> new FieldError("variables." + name,
                                    "is used by template '" + update.template() + "' (expected: a value)")).toList()));
                });
    }

    @GetMapping("/v1/incidents/{id}")
    @Access(Scope.READ)
    Mono<IncidentStore.IncidentView> get(@PathVariable String id, ServerWebExchange exchange) {
        return store.find(Caller.of(exchange).tenant(), id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("incident '" + id + "'")));
    }
}
