package io.clarion.gateway.component;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.clarion.core.statuspage.ComponentStatus;
import java.time.OffsetDateTime;

/**
 * A component as readers see it: its status is the one set by hand, or else the one derived from the unresolved
 * public incidents on its service ({@code statusSource} says which).
 *
 * @param group        its heading, or {@code null}
 * @param statusSource {@code "manual"} or {@code "derived"}
 */
public record ComponentView(String id, String name, String service, String group, String status, String statusSource,
                            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    public ComponentView {
        requireNonNull(id, "id");
        requireNonNull(status, "status");
    }

    @JsonIgnore
    public ComponentStatus componentStatus() {
        return ComponentStatus.parse(status).orElseThrow();
    }
}
