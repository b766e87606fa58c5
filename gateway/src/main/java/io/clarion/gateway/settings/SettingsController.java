package io.clarion.gateway.settings;

import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET/PUT /v1/settings}: the caller's tenant's settings (admin); secrets are never answered. */
@RestController
class SettingsController {
    private final SettingsStore store;
    private final JsonBodies json;

    SettingsController(SettingsStore store, JsonBodies json) {
        this.store = store;
        this.json = json;
    }

    @GetMapping("/v1/settings")
    @Access(Scope.ADMIN)
    Mono<TenantSettings> get(ServerWebExchange exchange) {
        return store.find(Caller.of(exchange).tenant()).map(TenantSettings::masked);
    }

    @PutMapping("/v1/settings")
    @Access(Scope.ADMIN)
    Mono<TenantSettings> put(@RequestBody byte[] body, ServerWebExchange exchange) {
        TenantSettings change = json.read(body, TenantSettings.class);
        var errors = change.validate();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        return store.update(Caller.of(exchange), change).map(TenantSettings::masked);
    }
}
