package io.clarion.deploy.helm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Helm's values semantics for the lint of a values file: maps merge key by key, anything else replaces. */
final class Values {
    private Values() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        overrides.forEach((key, value) -> merged.merge(key, value, (old, given) ->
                old instanceof Map<?, ?> oldMap && given instanceof Map<?, ?> givenMap
                        ? merge((Map<String, Object>) oldMap, (Map<String, Object>) givenMap)
                        : given));
        return merged;
    }

    static String dump(Map<String, Object> values) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(values);
    }
}
