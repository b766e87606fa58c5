package io.clarion.gateway.broadcast;

import io.clarion.core.digest.Sha256;
import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.broadcast.IdempotencyKeys.StoredResponse;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /v1/broadcasts} (with optional Idempotency-Key), {@code GET /v1/broadcasts/{id}}, and the approval
 * transitions {@code :approve} and {@code :reject}.
 */
@RestController
class BroadcastController {
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final BroadcastService service;
    private final JsonBodies json;

    BroadcastController(BroadcastService service, JsonBodies json) {
        this.service = service;
        this.json = json;
    }

    @PostMapping("/v1/broadcasts")
    @Access(Scope.WRITE)
    Mono<ResponseEntity<String>> submit(@RequestBody byte[] body,
                                        @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                        ServerWebExchange exchange) {
        String text = json.text(body);
        BroadcastRequest request = json.read(text, BroadcastRequest.class);
        List<FieldError> errors = request.validate();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        Caller caller = Caller.of(exchange);
        if (key == null) {
            return service.submit(caller, request).map(BroadcastController::respond);
        }
        if (key.isBlank() || key.length() > IdempotencyKeys.MAX_LENGTH) {
            return Mono.error(ProblemException.invalid(List.of(new FieldError("header " + IDEMPOTENCY_KEY,
                    "must have 1.." + IdempotencyKeys.MAX_LENGTH + " characters"))));
        }
        return service.submit(caller, request, key, Sha256.of(text)).map(BroadcastController::respond);
    }

    @GetMapping("/v1/broadcasts/{id}")
    @Access(Scope.READ)
    Mono<BroadcastStore.BroadcastView> get(@PathVariable String id, ServerWebExchange exchange) {
        return service.find(Caller.of(exchange), id);
    }

    /** The blast radius of a broadcast that {@code POST /v1/broadcasts} would accept with this body; stores nothing. */
    @PostMapping("/v1/broadcasts:preview")
    @Access(Scope.WRITE)
    Mono<BlastRadius.Preview> preview(@RequestBody byte[] body, ServerWebExchange exchange) {
        BroadcastRequest request = json.read(body, BroadcastRequest.class);
        List<FieldError> errors = request.validate();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        return service.preview(Caller.of(exchange), request);
    }

    @GetMapping("/v1/broadcasts/{id}/preview")
    @Access(Scope.READ)
    Mono<BlastRadius.Preview> preview(@PathVariable String id, ServerWebExchange exchange) {
        return service.preview(Caller.of(exchange), id);
    }

    @PostMapping("/v1/broadcasts/{id}:approve")
    @Access(Scope.APPROVE)
    Mono<BroadcastStore.BroadcastView> approve(@PathVariable String id, ServerWebExchange exchange) {
        return service.approve(Caller.of(exchange), id);
    }

    @PostMapping("/v1/broadcasts/{id}:reject")
    @Access(Scope.APPROVE)
    Mono<BroadcastStore.BroadcastView> reject(@PathVariable String id, @RequestBody byte[] body,
                                              ServerWebExchange exchange) {
        RejectRequest request = json.read(body, RejectRequest.class);
        List<FieldError> errors = new Violations().required("reason", request.reason())
                .maxLength("reason", request.reason(), 1000).errors();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        return service.reject(Caller.of(exchange), id, request.reason());
    }

    /** The body of {@code POST /v1/broadcasts/{id}:reject}. */
    record RejectRequest(String reason) {
    }

    private static ResponseEntity<String> respond(StoredResponse stored) {
        return ResponseEntity.status(stored.status()).location(URI.create(stored.location()))
                .contentType(MediaType.APPLICATION_JSON).body(stored.body());
    }
}
