package io.clarion.gateway.auth;

import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.tenant.Tenants;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST/GET /v1/admin/api-keys}, {@code DELETE /v1/admin/api-keys/{id}}. An {@code admin} key manages
 * its own tenant's keys and cannot grant {@code operator}; an {@code operator} key manages any tenant's.
 * Another tenant's key answers 404 to an admin, exactly as if absent.
 */
@RestController
class ApiKeyController {
    private final ApiKeyStore store;
    private final Tenants tenants;
    private final JsonBodies json;
    private final Clock clock;

    ApiKeyController(ApiKeyStore store, Tenants tenants, JsonBodies json, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.json = json;
        this.clock = clock;
    }

    record KeyList(List<ApiKeyStore.KeyView> keys) {
    }

    @PostMapping("/v1/admin/api-keys")
    @Access({Scope.ADMIN, Scope.OPERATOR})
    Mono<ResponseEntity<ApiKeyStore.CreatedKey>> create(@RequestBody String body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        ApiKeyRequest request = json.read(body, ApiKeyRequest.class);
        var errors = request.validate(clock.instant());
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        String tenant = request.tenantOr(caller.tenant());
        if (!caller.isOperator() && (!tenant.equals(caller.tenant()) || request.scopes().contains("operator"))) {
            return Mono.error(ProblemException.of(HttpStatus.FORBIDDEN, "missing-scope", "an admin key creates keys "
                    + "of its own tenant without 'operator' (expected: an operator key for other tenants or operator keys)"));
        }
        return tenants.exists(tenant)
                .flatMap(exists -> exists ? store.create(caller, tenant, request)
                        : Mono.error(ProblemException.unprocessable("tenant", "tenant '" + tenant + "' does not exist")))
                .switchIfEmpty(Mono.error(() -> ProblemException.of(HttpStatus.CONFLICT, "api-key-exists",
                        "tenant '" + tenant + "' already has a key named '" + request.name() + "'")))
                .map(created -> ResponseEntity.status(HttpStatus.CREATED).body(created));
    }

    @GetMapping("/v1/admin/api-keys")
    @Access({Scope.ADMIN, Scope.OPERATOR})
    Mono<KeyList> list(@RequestParam(required = false) String tenant, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return store.list(caller.isOperator() ? tenant : caller.tenant()).map(KeyList::new);
    }

    @DeleteMapping("/v1/admin/api-keys/{id}")
    @Access({Scope.ADMIN, Scope.OPERATOR})
    Mono<ResponseEntity<Void>> revoke(@PathVariable String id, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return parse(id)
                .flatMap(keyId -> store.revoke(caller, keyId, caller.isOperator() ? null : caller.tenant()))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("api key '" + id + "'")))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private static Mono<Long> parse(String id) {
        try {
            return Mono.just(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Mono.empty();
        }
    }
}
