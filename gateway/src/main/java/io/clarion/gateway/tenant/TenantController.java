package io.clarion.gateway.tenant;

import io.clarion.core.validation.Violations;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code POST /v1/admin/tenants} (operator): a new tenant, with no keys yet (create its first with the api-keys route). */
@RestController
class TenantController {
    /** Tenant ids appear in public URLs ({@code /status/{tenant}}) and in bucket names: a lowercase slug. */
    static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Tenants tenants;
    private final JsonBodies json;

    TenantController(Tenants tenants, JsonBodies json) {
        this.tenants = tenants;
        this.json = json;
    }

    record TenantRequest(String id, String name) {
    }

    @PostMapping("/v1/admin/tenants")
    @Access(Scope.OPERATOR)
    Mono<ResponseEntity<TenantRequest>> create(@RequestBody String body, ServerWebExchange exchange) {
        TenantRequest request = json.read(body, TenantRequest.class);
        Violations violations = new Violations().required("id", request.id()).required("name", request.name())
                .maxLength("name", request.name(), 200);
        if (request.id() != null && !TENANT_ID.matcher(request.id()).matches()) {
            violations.add("id", "'" + request.id() + "' is not a tenant id (expected: 1-63 of a-z, 0-9 and '-', "
                    + "starting with a letter or digit)");
        }
        if (!violations.isEmpty()) {
            return Mono.error(ProblemException.invalid(violations.errors()));
        }
        return tenants.create(Caller.of(exchange), request.id(), request.name())
                .flatMap(created -> created ? Mono.just(ResponseEntity.status(HttpStatus.CREATED).body(request))
                        : Mono.error(ProblemException.of(HttpStatus.CONFLICT, "tenant-exists",
                                "tenant '" + request.id() + "' exists already")));
    }
}
