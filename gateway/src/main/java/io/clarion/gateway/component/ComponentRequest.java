package io.clarion.gateway.component;

import io.clarion.core.statuspage.ComponentStatus;
import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The body of {@code PUT /v1/components/{id}}.
 *
 * @param service the incidents' service this component stands for ({@code "api"}: an incident with
 *                {@code "services": ["api"]} affects it)
 * @param group   the heading it is listed under, or none
 * @param status  a status set by hand, or {@code null} to derive it from the open public incidents
 */
record ComponentRequest(String name, String service, String group, String status) {
    List<FieldError> validate(String id) {
        Violations v = new Violations().identifier("id", id)
                .required("name", name).maxLength("name", name, 200)
                .required("service", service).maxLength("service", service, 128)
                .maxLength("group", group, 200);
        if (group != null && group.isBlank()) {
            v.add("group", "is blank (expected: a heading, or no group field)");
        }
        if (status != null && ComponentStatus.parse(status).isEmpty()) {
            v.add("status", "'" + status + "' is not a component status (expected: one of "
                    + Arrays.stream(ComponentStatus.values()).map(ComponentStatus::wireName)
                    .collect(Collectors.joining(", ")) + ", or no status field to derive it from incidents)");
        }
        return v.errors();
    }
}
