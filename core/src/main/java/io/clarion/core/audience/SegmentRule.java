package io.clarion.core.audience;

import static java.util.Objects.requireNonNull;

import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A segment's rule over recipient attributes: AND across keys, OR within a key's list.
 * Keys are {@code tier}, {@code region}, {@code locale}, {@code services} (matches a recipient that
 * depends on any listed service) and {@code attributes.<name>} (a custom attribute). An empty rule
 * matches every recipient.
 */
public record SegmentRule(Map<String, List<String>> match) {
    static final Set<String> PROFILE_KEYS = Set.of("tier", "region", "locale", "services");
    static final String ATTRIBUTE_PREFIX = "attributes.";
    private static final int MAX_VALUES = 1000;

    public SegmentRule {
        match = Map.copyOf(requireNonNull(match, "match"));
    }

    /** What is wrong with a proposed rule, each error naming its path under {@code prefix}. */
    public static List<FieldError> validate(String prefix, Map<String, List<String>> match) {
        Violations violations = new Violations();
        if (match == null) {
            return violations.add(prefix, "is required").errors();
        }
        match.forEach((key, values) -> validateEntry(violations, prefix + "." + key, key, values));
        return violations.errors();
    }

    private static void validateEntry(Violations violations, String path, String key, List<String> values) {
        if (!isKnownKey(key)) {
            violations.add(path, "unknown key (expected: one of " + PROFILE_KEYS.stream().sorted().toList()
                    + " or attributes.<name>)");
            return;
        }
        if (values == null || values.isEmpty() || values.size() > MAX_VALUES) {
            violations.add(path, "must list 1.." + MAX_VALUES + " values");
            return;
        }
        violations.strings(path, values, 256);
    }

    private static boolean isKnownKey(String key) {
        return PROFILE_KEYS.contains(key)
                || (key.startsWith(ATTRIBUTE_PREFIX) && key.length() > ATTRIBUTE_PREFIX.length());
    }

    /** Whether a recipient with this profile belongs to the segment. */
    public boolean matches(RecipientProfile profile) {
        return match.entrySet().stream().allMatch(e -> matchesKey(profile, e.getKey(), e.getValue()));
    }

    private static boolean matchesKey(RecipientProfile profile, String key, List<String> values) {
        return switch (key) {
            case "tier" -> isAmong(profile.tier(), values);
            case "region" -> isAmong(profile.region(), values);
            case "locale" -> isAmong(profile.locale(), values);
            case "services" -> profile.services().stream().anyMatch(values::contains);
            default -> isAmong(profile.attributes().get(key.substring(ATTRIBUTE_PREFIX.length())), values);
        };
    }

    /** A recipient without the attribute matches no value (immutable lists reject contains(null)). */
    private static boolean isAmong(String value, List<String> values) {
        return value != null && values.contains(value);
    }
}
