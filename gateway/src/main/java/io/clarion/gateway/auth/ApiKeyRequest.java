package io.clarion.gateway.auth;

import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.time.Instant;
import java.util.List;

/** The body of {@code POST /v1/admin/api-keys}; {@code tenant} defaults to the caller's. */
record ApiKeyRequest(String name, String tenant, List<String> scopes, Instant expiresAt) {

    List<FieldError> validate(Instant now) {
        Violations violations = new Violations().required("name", name).identifier("name", name)
                .identifier("tenant", tenant);
        if (scopes == null || scopes.isEmpty()) {
            violations.add("scopes", "is required (expected: one or more of read, write, approve, admin, operator)");
        } else {
            for (int i = 0; i < scopes.size(); i++) {
                if (scopes.get(i) == null || Scope.parse(scopes.get(i)).isEmpty()) {
                    violations.add("scopes[" + i + "]", "'" + scopes.get(i)
                            + "' is not a scope (expected: read, write, approve, admin or operator)");
                }
            }
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            violations.add("expiresAt", expiresAt + " is not in the future");
        }
        return violations.errors();
    }

    String tenantOr(String fallback) {
        return tenant == null ? fallback : tenant;
    }

    String[] scopeNames() {
        return ApiKeys.scopes(scopes.toArray(String[]::new)).stream().map(Scope::wireName).toArray(String[]::new);
    }
}
