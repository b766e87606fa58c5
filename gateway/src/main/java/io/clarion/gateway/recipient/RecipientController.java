package io.clarion.gateway.recipient;

import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code PUT /v1/recipients/{id}} and the streamed {@code POST /v1/recipients:import}. */
@RestController
class RecipientController {
    private final RecipientStore store;
    private final RecipientImport importer;
    private final JsonBodies json;

    RecipientController(RecipientStore store, RecipientImport importer, JsonBodies json) {
        this.store = store;
        this.importer = importer;
        this.json = json;
    }

    @PutMapping("/v1/recipients/{id}")
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

    @PostMapping("/v1/recipients:import")
    Mono<RecipientImport.Result> importNdjson(ServerHttpRequest request, ServerWebExchange exchange) {
        return importer.importLines(request.getBody())
                .flatMap(result -> store.auditImport(Caller.of(exchange), result.imported(), result.rejectedCount())
                        .thenReturn(result));
    }
}
