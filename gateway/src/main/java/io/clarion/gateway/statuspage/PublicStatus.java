package io.clarion.gateway.statuspage;

import io.clarion.core.incident.Severity;
import io.clarion.core.statuspage.ComponentStatus;
import io.clarion.core.statuspage.Impact;
import io.clarion.gateway.component.ComponentView;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a tenant's status page may show, read at one moment: its name, its components, and its public incidents
 * (every unresolved one and the most recent others), each with every update, newest first. Nothing private is
 * ever in here: renderers cannot leak what they are not given.
 */
record PublicStatus(String tenant, String name, Instant tenantCreatedAt, List<ComponentView> components,
                    List<PublicIncident> incidents) {

    record PublicIncident(String id, String title, Severity severity, List<String> services, Instant createdAt,
                          Instant updatedAt, List<PublicUpdate> updates) {
        PublicUpdate latest() {
            return updates.get(0);
        }

        String status() {
            return latest().status();
        }

        boolean resolved() {
            return status().equals("resolved");
        }

        Impact impact() {
            return Impact.of(severity);
        }

        /** When it first moved to monitoring, or {@code null}. */
        Instant monitoringAt() {
            return updates.stream().filter(u -> u.status().equals("monitoring")).map(PublicUpdate::createdAt)
                    .reduce((newer, older) -> older).orElse(null);
        }

        Instant resolvedAt() {
            return resolved() ? latest().createdAt() : null;
        }

        /** The later of its own change and its newest update. */
        Instant changedAt() {
            return updatedAt.isAfter(latest().createdAt()) ? updatedAt : latest().createdAt();
        }
    }

    /** One update of a public incident; {@code body} is already redacted ({@link PublicStatusReader}). */
    record PublicUpdate(String incidentId, int version, String status, String body, Instant createdAt) {
    }

    List<PublicIncident> unresolved() {
        return incidents.stream().filter(i -> !i.resolved()).toList();
    }

    List<PublicIncident> resolved() {
        return incidents.stream().filter(PublicIncident::resolved).toList();
    }

    List<ComponentView> affectedBy(PublicIncident incident) {
        return components.stream().filter(c -> incident.services().contains(c.service())).toList();
    }

    /** The page-wide indicator: the worst of the unresolved incidents' impacts and the components' statuses. */
    Impact indicator() {
        return Stream.concat(unresolved().stream().map(PublicIncident::impact),
                        components.stream().map(c -> c.componentStatus().impact()))
                .reduce(Impact.NONE, Impact::worse);
    }

    ComponentStatus worst(List<ComponentView> some) {
        return some.stream().map(ComponentView::componentStatus).reduce(ComponentStatus.OPERATIONAL, ComponentStatus::worse);
    }

    /** When anything shown last changed: deterministic, so every gateway renders the same bytes. */
    Instant updatedAt() {
        return Stream.concat(incidents.stream().map(PublicIncident::changedAt),
                        components.stream().map(c -> c.updatedAt().toInstant()))
                .reduce(tenantCreatedAt, (a, b) -> a.isAfter(b) ? a : b);
    }
}
