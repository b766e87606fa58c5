package io.clarion.gateway.recipient;

import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.shedding.LongRunning;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code PUT/GET/DELETE /v1/recipients/{id}} and the streamed {@code POST /v1/recipients:import}, all within
 * the caller's tenant. A webhook secret is written, never read back.
 */
@RestController
class RecipientController {
    private final RecipientStore store;
    private final RecipientImport importer;
    private final RecipientErasure erasure;
    private final JsonBodies json;

    RecipientController(RecipientStore store, RecipientImport importer, RecipientErasure erasure, JsonBodies json) {
        this.store = store;
        this.importer = importer;
        this.erasure = erasure;
        this.json = json;
    }

    @PutMapping("/v1/recipients/{id}")
    @Access(Scope.WRITE)
    Mono<ResponseEntity<RecipientRequest>> put(@PathVariable String id, @RequestBody byte[] body,
                                                  ServerWebExchange exchange) {
        RecipientRequest recipient = json.read(body, RecipientRequest.class).withId(id);
        var errors = recipient.validate();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        return store.upsert(Caller.of(exchange), recipient)
                .map(created -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(recipient.redacted()));
    }

    @GetMapping("/v1/recipients/{id}")
    @Access(Scope.READ)
    Mono<RecipientRequest> get(@PathVariable String id, ServerWebExchange exchange) {
        return store.find(Caller.of(exchange).tenant(), id).map(RecipientRequest::redacted)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("recipient '" + id + "'")));
    }

    @DeleteMapping("/v1/recipients/{id}")
    @Access(Scope.WRITE)
    Mono<ResponseEntity<Void>> erase(@PathVariable String id, ServerWebExchange exchange) {
        return erasure.erase(Caller.of(exchange), id)
                .flatMap(erased -> erased ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(ProblemException.notFound("recipient '" + id + "'")));
    }

    @LongRunning
    @PostMapping("/v1/recipients:import")
    @Access(Scope.WRITE)
    Mono<RecipientImport.Result> importNdjson(ServerHttpRequest request, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return importer.importLines(caller.tenant(), request.getBody())
                .flatMap(result -> store.auditImport(caller, result.imported(), result.rejectedCount())
                        .then(store.refreshStatisticsAfterImport(result.imported()))
                        .thenReturn(result));
    }
}
