package io.clarion.gateway.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clarion.core.incident.Severity;
import io.clarion.core.incident.UpdateStatus;
import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.util.List;
import java.util.Map;

/** The bodies of {@code PUT /v1/incidents/{id}} and {@code POST /v1/incidents/{id}/updates}, with their rules. */
final class IncidentRequests {
    static final int MAX_BODY = 10_000;

    private IncidentRequests() {
    }

    /**
     * @param isPublic whether the incident appears on the tenant's public status page ({@code "public"}); absent
     *                 means public for a new incident and unchanged for an existing one, so a tool that re-sends an
     *                 incident without the field never publishes one that was made private
     */
    record IncidentRequest(String title, String severity, List<String> tags, List<String> services,
                           @JsonProperty("public") Boolean isPublic) {
        List<FieldError> validate(String id) {
            Violations v = new Violations().identifier("id", id)
                    .required("title", title).maxLength("title", title, 500)
                    .required("severity", severity)
                    .strings("tags", tags, 64).strings("services", services, 128);
            if (severity != null && Severity.parse(severity).isEmpty()) {
                v.add("severity", "'" + severity + "' is not a severity (expected: SEV1 ... SEV5)");
            }
            return v.errors();
        }

        List<String> tagsOrEmpty() {
            return tags == null ? List.of() : tags;
        }

        List<String> servicesOrEmpty() {
            return services == null ? List.of() : services;
        }
    }

    /**
     * An update; {@code template} names a message template whose {@code variables.<key>} the update gives in
     * {@code variables} (checked against the template by the controller: a missing one is a 422);
     * {@code broadcast: "playbook"} also runs the most specific matching playbook for the new version.
     */
    record UpdateRequest(String status, String body, String template, Map<String, String> variables, String broadcast) {
        private static final int MAX_VARIABLES = 50;
        static final String PLAYBOOK = "playbook";

        boolean runsPlaybook() {
            return PLAYBOOK.equals(broadcast);
        }

        List<FieldError> validate() {
            Violations v = new Violations().required("status", status).required("body", body)
                    .maxLength("body", body, MAX_BODY).identifier("template", template);
            if (broadcast != null && !runsPlaybook()) {
                v.add("broadcast", "'" + broadcast + "' is not a broadcast mode (expected: playbook, or omitted)");
            }
            if (variables != null && template == null) {
                v.add("variables", "are given without a template (expected: \"template\" too)");
            }
            if (variables != null && variables.size() > MAX_VARIABLES) {
                v.add("variables", variables.size() + " variables (expected: at most " + MAX_VARIABLES + ")");
            }
            if (variables != null) {
                variables.forEach((key, value) -> v.identifier("variables." + key, key).required("variables." + key, value)
                        .maxLength("variables." + key, value, 1000));
            }
            if (status != null && UpdateStatus.parse(status).isEmpty()) {
                v.add("status", "'" + status + "' is not a status "
                        + "(expected: investigating, identified, monitoring or resolved)");
            }
            return v.errors();
        }
    }
}
