package io.clarion.gateway.ingest;

import io.clarion.core.ingest.AlertmanagerMapping;
import io.clarion.core.ingest.PagerDutyMapping;
import io.clarion.core.validation.FieldError;
import io.clarion.gateway.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the fields the mappings need from the tools' payloads, ignoring the rest: unlike Clarion's own API,
 * these shapes belong to other tools, which add fields over time. Malformed JSON is a {@code 400}.
 */
@Component
class IngestPayloads {
    private final JsonMapper json;

    IngestPayloads(JsonMapper json) {
        this.json = json;
    }

    AlertmanagerMapping.Payload alertmanager(String body) {
        JsonNode root = tree(body);
        List<AlertmanagerMapping.Alert> alerts = new ArrayList<>();
        for (JsonNode alert : root.path("alerts")) {
            alerts.add(new AlertmanagerMapping.Alert(text(alert, "fingerprint"), text(alert, "startsAt"),
                    text(alert, "endsAt")));
        }
        return new AlertmanagerMapping.Payload(text(root, "version"), text(root, "groupKey"), text(root, "status"),
                strings(root.path("commonLabels")), strings(root.path("commonAnnotations")), alerts);
    }

    PagerDutyMapping.Event pagerduty(String body) {
        JsonNode event = tree(body).path("event");
        JsonNode data = event.path("data");
        return new PagerDutyMapping.Event(text(event, "id"), text(event, "event_type"), text(data, "id"),
                text(data, "title"), data.path("number").isNumber() ? data.path("number").asInt() : null,
                text(data.path("priority"), "summary"));
    }

    private JsonNode tree(String body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw invalid("is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw invalid("is not JSON: " + e.getOriginalMessage());
        }
    }

    private static ProblemException invalid(String reason) {
        return ProblemException.invalid(List.of(new FieldError("body", reason)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString() : null;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> {
            if (e.getValue().isValueNode()) {
                values.put(e.getKey(), e.getValue().asString());
            }
        });
        return values;
    }
}
