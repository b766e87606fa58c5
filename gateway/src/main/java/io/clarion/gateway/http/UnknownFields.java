package io.clarion.gateway.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clarion.core.validation.FieldError;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Every field of a JSON body that the record it is read into does not declare, named by its path,
 * with the fields expected there; walked down nested records, their lists and map values (map keys are
 * data, not fields). Request bodies are records whose JSON names are their component names, or the name a
 * component's {@code @JsonProperty} gives (for a field named like a Java keyword, e.g. {@code "public"}).
 *
 * <p>Why a walk of the tree rather than Jackson's unknown-property hook: Jackson buffers a record's
 * unknown properties and replays them once the record is built, where the parser no longer knows
 * their path.
 */
final class UnknownFields {
    private UnknownFields() {
    }

    static List<FieldError> in(JsonNode body, Class<?> type) {
        List<FieldError> errors = new ArrayList<>();
        walk(body, type, "", errors);
        return errors;
    }

    private static void walk(JsonNode node, Type type, String path, List<FieldError> errors) {
        Class<?> raw = raw(type);
        if (raw.isRecord() && node.isObject()) {
            Map<String, Type> fields = Arrays.stream(raw.getRecordComponents())
                    .collect(Collectors.toMap(UnknownFields::jsonName, RecordComponent::getGenericType));
            node.properties().forEach(property -> {
                String at = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                Type fieldType = fields.get(property.getKey());
                if (fieldType == null) {
                    errors.add(new FieldError(at, "unknown field (expected one of: "
                            + String.join(", ", fields.keySet().stream().sorted().toList()) + ")"));
                } else {
                    walk(property.getValue(), fieldType, at, errors);
                }
            });
        } else if (Collection.class.isAssignableFrom(raw) && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), typeArgument(type, 0), path + "[" + i + "]", errors);
            }
        } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
            node.properties().forEach(entry -> walk(entry.getValue(), typeArgument(type, 1),
                    path + "." + entry.getKey(), errors));
        }
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }
}
