package io.clarion.deploy.docs;

import io.clarion.deploy.ClarionApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata Spring Boot's configuration processor writes for the gateway and the dispatcher
 * ({@code META-INF/spring-configuration-metadata.json}, from their {@code @ConfigurationProperties} records'
 * Javadoc and {@code @DefaultValue}s, plus {@code additional-spring-configuration-metadata.json}): the
 * {@code clarion.*} settings and the records that hold them, per application.
 */
final class ConfigurationMetadata {
    static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

    /** One setting as the metadata describes it; {@code defaultValue} and {@code description} are null when absent. */
    record Property(ClarionApplication application, String name, String type, Object defaultValue,
                    String description) {
    }

    /** A {@code @ConfigurationProperties} record: its prefix and class (nested records are not listed). */
    record Group(ClarionApplication application, String name, String type) {
    }

    private final List<Property> properties;
    private final List<Group> groups;

    private ConfigurationMetadata(List<Property> properties, List<Group> groups) {
        this.properties = properties;
        this.groups = groups;
    }

    /** Every {@code META-INF/spring-configuration-metadata.json} on the class path, keeping Clarion's own entries. */
    static ConfigurationMetadata load() {
        List<Property> properties = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        try {
            for (URL url : Collections.list(ConfigurationMetadata.class.getClassLoader().getResources(RESOURCE))) {
                Map<String, Object> json = read(url);
                for (Map<String, Object> group : entries(json, "groups")) {
                    ClarionApplication application = owner((String) group.get("sourceType"));
                    if (application != null && group.get("sourceMethod") == null) {
                        groups.add(new Group(application, (String) group.get("name"), (String) group.get("type")));
                    }
                }
                for (Map<String, Object> property : entries(json, "properties")) {
                    ClarionApplication application = owner((String) property.get("sourceType"));
                    if (application != null) {
                        properties.add(new Property(application, (String) property.get("name"),
                                (String) property.get("type"),
                                defaultValue((String) property.get("type"), property.get("defaultValue")),
                                (String) property.get("description")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (groups.isEmpty()) {
            throw new IllegalStateException("no Clarion settings in any " + RESOURCE + " on the class path (expected: "
                    + "the gateway's and the dispatcher's, written by spring-boot-configuration-processor)");
        }
        return new ConfigurationMetadata(List.copyOf(properties), List.copyOf(groups));
    }

    List<Property> properties() {
        return properties;
    }

    List<Property> properties(ClarionApplication application) {
        return properties.stream().filter(property -> property.application() == application).toList();
    }

    List<Group> groups() {
        return groups;
    }

    /** The record a setting belongs to: the group with the longest name that prefixes the setting's. */
    Group groupOf(Property property) {
        return groups.stream()
                .filter(group -> group.application() == property.application())
                .filter(group -> property.name().startsWith(group.name() + "."))
                .max((a, b) -> Integer.compare(a.name().length(), b.name().length()))
                .orElseThrow(() -> new IllegalStateException(property.name() + ": no group in the metadata"));
    }

    /** Every setting of one record, by name. */
    Map<String, Property> propertiesOf(Group group) {
        return properties.stream().filter(property -> Objects.equals(groupOf(property), group))
                .collect(Collectors.toMap(Property::name, property -> property));
    }

    /**
     * A list default as a {@code List} of its elements. For a record's {@code @DefaultValue({"SEV1", "SEV2"})} the
     * processor (Boot 4.0) writes the string {@code "[SEV1, SEV2]"} instead of a JSON array: that form is read back.
     */
    private static Object defaultValue(String type, Object value) {
        boolean collection = type != null && (type.startsWith("java.util.List<") || type.startsWith("java.util.Set<")
                || type.endsWith("[]"));
        if (collection && value instanceof String text && text.startsWith("[") && text.endsWith("]")) {
            String elements = text.substring(1, text.length() - 1).trim();
            return elements.isEmpty() ? List.of() : List.of(elements.split(",\\s*"));
        }
        return value;
    }

    private static ClarionApplication owner(String sourceType) {
        if (sourceType == null) {
            return null;
        }
        for (ClarionApplication application : ClarionApplication.values()) {
            if (sourceType.startsWith(application.basePackage() + ".")) {
                return application;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> json, String key) {
        Object entries = json.get(key);
        return entries == null ? List.of() : (List<Map<String, Object>>) entries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return JsonMapper.builder().build().readValue(in, Map.class);
        }
    }
}
