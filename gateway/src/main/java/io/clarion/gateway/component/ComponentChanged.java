package io.clarion.gateway.component;

import static java.util.Objects.requireNonNull;

/**
 * A component of {@code tenant} was created or replaced, published on this gateway after the change committed.
 * Other gateways learn of it by their own means (the status page polls).
 */
public record ComponentChanged(String tenant, String componentId) {
    public ComponentChanged {
        requireNonNull(tenant, "tenant");
        requireNonNull(componentId, "componentId");
    }
}
