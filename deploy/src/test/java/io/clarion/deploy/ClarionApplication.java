package io.clarion.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * What a Clarion application reads from its environment, derived from the application itself: its
 * {@code @ConfigurationProperties} records (docs/settings.md) and the keys of its own
 * configuration file ({@code spring.r2dbc.url}, {@code server.port}, ...), each in Spring's
 * environment-variable form ({@code clarion.kafka.bootstrap-servers} is read from
 * {@code CLARION_KAFKA_BOOTSTRAPSERVERS}). Deployment files may set only these, so a typo or a setting
 * that moved fails a test instead of being silently ignored at run time.
 */
public enum ClarionApplication {
    GATEWAY("io.clarion.gateway", "gateway.yml", Set.of("SPRING_FLYWAY_ENABLED")),
    DISPATCHER("io.clarion.dispatcher", "dispatcher.yml", Set.of());

    /** Read by the JVM itself (heap sizing flags), not by Spring. */
    public static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";

    private final String basePackage;
    private final String configurationFile;
    private final Set<String> otherSpringVariables;

    ClarionApplication(String basePackage, String configurationFile, Set<String> otherSpringVariables) {
        this.basePackage = basePackage;
        this.configurationFile = configurationFile;
        this.otherSpringVariables = otherSpringVariables;
    }

    /** The package of the application's classes, e.g. {@code io.clarion.gateway}. */
    public String basePackage() {
        return basePackage;
    }

    /** One {@code clarion.*} setting: its property, environment variable and {@code @DefaultValue} (null when none). */
    public record Setting(String property, String environmentVariable, String defaultValue) {
    }

    /** The {@code clarion.*} settings by environment variable. */
    public Map<String, Setting> clarionSettings() {
        Map<String, Setting> settings = new TreeMap<>();
        for (Class<?> type : propertiesRecords()) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            addComponents(settings, prefix, type);
        }
        return settings;
    }

    /**
     * Prefixes of the environment variables of map settings, e.g. {@code CLARION_KAFKA_PROPERTIES_} of
     * {@code clarion.kafka.properties.*} ({@code CLARION_KAFKA_PROPERTIES_SECURITY_PROTOCOL} is the entry
     * {@code security.protocol}).
     */
    public Set<String> mapSettingPrefixes() {
        Set<String> prefixes = new TreeSet<>();
        for (Class<?> type : propertiesRecords()) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : type.getRecordComponents()) {
                if (Map.class.isAssignableFrom(component.getType())) {
                    prefixes.add(environmentVariable(prefix + "." + kebab(component.getName())) + "_");
                }
            }
        }
        return prefixes;
    }

    /** Whether the application reads {@code variable}: one of {@link #acceptedEnvironment()} or a map setting's entry. */
    public boolean accepts(String variable) {
        return acceptedEnvironment().contains(variable) || mapSettingPrefixes().stream().anyMatch(variable::startsWith);
    }

    /**
     * Every single-valued environment variable the application reads: its settings, its own file's keys and the
     * JVM's (map settings' entries: {@link #accepts}).
     */
    public Set<String> acceptedEnvironment() {
        Set<String> accepted = new TreeSet<>(clarionSettings().keySet());
        accepted.addAll(configurationFileVariables());
        accepted.addAll(otherSpringVariables);
        accepted.add(JVM_OPTIONS);
        return accepted;
    }

    /** The application's own configuration file, flattened ({@code server.port -> 8081}). */
    public Map<String, Object> configurationFile() {
        try (InputStream in = ClarionApplication.class.getClassLoader().getResourceAsStream(configurationFile)) {
            if (in == null) {
                throw new IllegalStateException(configurationFile + " is not on the test classpath");
            }
            Map<String, Object> flat = new TreeMap<>();
            flatten("", RepositoryFiles.yaml(new String(in.readAllBytes(), StandardCharsets.UTF_8)), flat);
            return flat;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code clarion.kafka.bootstrap-servers -> CLARION_KAFKA_BOOTSTRAPSERVERS}, as Spring's relaxed binding reads it. */
    public static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private Set<String> configurationFileVariables() {
        return configurationFile().keySet().stream().map(ClarionApplication::environmentVariable)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<Class<?>> propertiesRecords() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<Class<?>> types = scanner.findCandidateComponents(basePackage).stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> ClassUtils.resolveClassName(name, ClarionApplication.class.getClassLoader()))
                .collect(Collectors.toSet());
        if (types.isEmpty()) {
            throw new IllegalStateException("no @ConfigurationProperties in " + basePackage + " on the test classpath");
        }
        return types;
    }

    private static void addComponents(Map<String, Setting> settings, String prefix, Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type + ": settings are records in this project (expected: a record)");
        }
        RecordComponent[] components = type.getRecordComponents();
        Parameter[] parameters = canonicalConstructor(type, components).getParameters();
        for (int i = 0; i < components.length; i++) {
            String property = prefix + "." + kebab(components[i].getName());
            if (components[i].getType().isRecord()) {
                addComponents(settings, property, components[i].getType());
                continue;
            }
            if (Map.class.isAssignableFrom(components[i].getType())) {
                continue; // entries of their own: mapSettingPrefixes()
            }
            DefaultValue defaultValue = parameters[i].getAnnotation(DefaultValue.class);
            String defaults = defaultValue == null ? null : String.join(",", defaultValue.value());
            settings.put(environmentVariable(property), new Setting(property, environmentVariable(property), defaults));
        }
    }

    private static Constructor<?> canonicalConstructor(Class<?> type, RecordComponent[] components) {
        try {
            return type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Map<String, Object> flat) {
        node.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child) {
                flatten(path, (Map<String, Object>) child, flat);
            } else {
                flat.put(path, value);
            }
        });
    }
}
