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
 * depends on any listed service) and {@code attributes.<name>} (a custom attribute).
 *
 * <p>{@code all} is a rule that matches every recipient, and has no keys. A rule with no keys is such
 * a rule even when it does not say so: rules stored and broadcasts queued before {@code all} existed
 * meant exactly that, and still do. New rules must say it ({@link #validate}), so an empty
 * {@code match} is never taken for everyone by accident. {@code all} is a {@code Boolean} so that a
 * snapshot without it still reads; it is never null once constructed.
 */
public record SegmentRule(Map<String, List<String>> match, Boolean all) {
    static final Set<String> PROFILE_KEYS = Set.of("tier", "region", "locale", "services");
    static final String ATTRIBUTE_PREFIX = "attributes.";
    private static final int MAX_VALUES = 1000;

    /** The rule that matches every recipient. */
    public static final SegmentRule ALL = new SegmentRule(Map.of(), true);

    public SegmentRule {
        match = Map.copyOf(requireNonNull(match, "match"));
        if (Boolean.TRUE.equals(all) && !match.isEmpty()) {
            throw new IllegalArgumentException("match: " + match.keySet() + " (expected: no keys when all is true)");
        }
        all = match.isEmpty();
    }

    /** A rule over these keys (none: {@link #ALL}). */
    public SegmentRule(Map<String, List<String>> match) {
        this(match, false);
    }

    /**
     * What is wrong with a proposed rule: {@code match} (its errors named by their path under
     * {@code matchField}) must select something unless {@code all} is true, and then must have no keys
     * (errors named {@code allField}).
     */
    public static List<FieldError> validate(String matchField, Map<String, List<String>> match, String allField,
                                            boolean all) {
        Violations violations = new Violations();
        boolean noKeys = match == null || match.isEmpty();
        if (all) {
            return noKeys ? violations.errors() : violations.add(allField, "true matches every recipient, "
                    + "so it takes no match keys (expected: either \"all\": true or match keys)").errors();
        }
        if (noKeys) {
            return violations.add(matchField, (match == null ? "is required" : "has no keys, so it would match "
                    + "every recipient") + " (expected: at least one key, or \"" + allField
                    + "\": true to match every recipient)").errors();
        }
        match.forEach((key, values) -> validateEntry(violations, matchField + "." + key, key, values));
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
        return all || match.entrySet().stream().allMatch(e -> matchesKey(profile, e.getKey(), e.getValue()));
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
