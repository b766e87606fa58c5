package io.clarion.deploy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.deploy.ClarionApplication;
import io.clarion.deploy.ClarionApplication.Setting;
import io.clarion.deploy.RepositoryFiles;
import io.clarion.deploy.docs.ConfigurationMetadata.Group;
import io.clarion.deploy.docs.ConfigurationMetadata.Property;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The settings reference ({@code docs/settings.md}) is what the code says: every setting of the records is in the
 * configuration metadata with a description, the metadata's defaults are the defaults the applications bind, and the
 * file is the one {@link SettingsReference} generates from them now ({@code -Ddocs.write=true} rewrites it).
 */
class SettingsReferenceTest {
    private static ConfigurationMetadata metadata;

    @BeforeAll
    static void load() {
        metadata = ConfigurationMetadata.load();
    }

    @Test
    void everySettingOfTheRecordsIsInTheMetadata() {
        for (ClarionApplication application : ClarionApplication.values()) {
            List<String> described = metadata.properties(application).stream().map(Property::name).toList();

            assertThat(described).as(application.name()).containsAll(application.clarionSettings().values().stream()
                    .map(Setting::property).toList());
        }
    }

    @Test
    void everySettingHasADescription() {
        assertThat(metadata.properties()).filteredOn(property -> property.description() == null
                        || property.description().isBlank())
                .as("settings without a description: add an @param tag to the record's Javadoc")
                .extracting(Property::name).isEmpty();
    }

    @Test
    void everyDefaultTheRecordsDeclareIsInTheMetadata() {
        for (ClarionApplication application : ClarionApplication.values()) {
            Map<String, Object> defaults = metadata.properties(application).stream()
                    .filter(property -> property.defaultValue() != null)
                    .collect(Collectors.toMap(Property::name, Property::defaultValue));
            for (Setting setting : application.clarionSettings().values()) {
                if (setting.defaultValue() != null && !setting.defaultValue().isEmpty()) { // an empty list: no default
                    assertThat(defaults).as(setting.property()).containsKey(setting.property());
                }
            }
        }
    }

    @Test
    void theMetadataDefaultsAreTheDefaultsTheApplicationsBind() {
        for (Group group : metadata.groups()) {
            Class<?> record = ClassUtils.resolveClassName(group.type(), getClass().getClassLoader());
            Map<String, String> defaults = new HashMap<>();
            metadata.propertiesOf(group).values().stream().filter(property -> property.defaultValue() != null)
                    .forEach(property -> defaults.put(property.name(), asProperty(property.defaultValue())));

            Object unset = bind(group.name(), record, Map.of());
            Object fromMetadata = bind(group.name(), record, defaults);

            assertThat(fromMetadata).as(group.application() + " " + group.name() + " bound from " + defaults)
                    .isEqualTo(unset);
        }
    }

    @Test
    void docsSettingsMdIsWhatTheMetadataSays() throws IOException {
        Path file = RepositoryFiles.resolve(SettingsReference.FILE);
        String generated = SettingsReference.markdown(metadata);
        if (Boolean.getBoolean("docs.write")) {
            Files.writeString(file, generated);
        }

        assertThat(Files.exists(file) ? Files.readString(file) : "")
                .as(SettingsReference.FILE + " differs from the settings records; regenerate it with: "
                        + SettingsReference.REGENERATE)
                .isEqualTo(generated);
    }

    private static Object bind(String prefix, Class<?> record, Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, Bindable.of(record));
    }

    private static String asProperty(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(value);
    }
}
