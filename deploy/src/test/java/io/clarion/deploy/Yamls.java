package io.clarion.deploy;

import java.util.List;
import java.util.Map;

/** Navigation in parsed YAML: a path of keys into nested maps, failing with the path when one is missing. */
public final class Yamls {
    private Yamls() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError(String.join(".", path) + ": " + value + " (expected: a map)");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object node, String... path) {
        Object value = at(node, path);
        if (!(value instanceof List<?>)) {
            throw new AssertionError(String.join(".", path) + ": " + value + " (expected: a list)");
        }
        return (List<Object>) value;
    }

    public static String string(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : String.valueOf(value);
    }

    /** The value at {@code path}, or {@code null} when a key on the way is absent. */
    public static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}
