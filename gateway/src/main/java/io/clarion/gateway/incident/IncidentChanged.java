package io.clarion.gateway.incident;

import static java.util.Objects.requireNonNull;

/**
 * An incident of {@code tenant} changed (created, replaced, or given a new version), published on this gateway
 * after the change committed. Other gateways learn of it by their own means (the status page polls); a listener
 * must not rely on seeing every change, only on seeing each one after it is durable.
 */
public record IncidentChanged(String tenant, String incidentId) {
    public IncidentChanged {
        requireNonNull(tenant, "tenant");
        requireNonNull(incidentId, "incidentId");
    }
}
