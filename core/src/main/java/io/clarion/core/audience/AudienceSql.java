package io.clarion.core.audience;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Compiles an audience (segment rules OR-ed together, plus explicit recipient ids) into one SQL
 * predicate over the {@code recipients} table with positional parameters ({@code $n}). Values are
 * always bound, never spliced, so a rule cannot inject SQL. One predicate means a recipient in
 * several segments is selected once.
 */
public final class AudienceSql {
    private AudienceSql() {
    }

    /** A predicate and the values of its parameters, numbered from {@code firstParameter}. */
    public record Predicate(String sql, List<Object> parameters) {
        /**
         * This predicate less the recipients whose tier is one of {@code tiers} (a recipient without a tier stays);
         * unchanged when {@code tiers} is empty. {@code firstParameter}: where this predicate's numbering starts.
         */
        public Predicate exceptTiers(Collection<String> tiers, int firstParameter) {
            return tiers.isEmpty() ? this : and("(tier IS NULL OR tier <> ALL($%d))", tiers, firstParameter);
        }

        /** Only the recipients of this predicate whose tier is one of {@code tiers} (none when it is empty). */
        public Predicate onlyTiers(Collection<String> tiers, int firstParameter) {
            return tiers.isEmpty() ? new Predicate("FALSE", List.of()) : and("tier = ANY($%d)", tiers, firstParameter);
        }

        private Predicate and(String term, Collection<String> tiers, int firstParameter) {
            List<Object> all = new ArrayList<>(parameters);
            all.add(tiers.toArray(String[]::new));
            return new Predicate("(" + sql + " AND " + term.formatted(firstParameter + parameters.size()) + ")",
                    List.copyOf(all));
        }
    }

    public static Predicate compile(Collection<SegmentRule> segments, Collection<String> recipientIds,
                                    int firstParameter) {
        return compile(segments, recipientIds, List.of(), firstParameter);
    }

    /** As above, plus every recipient that depends on one of {@code services} (none: no such alternative). */
    public static Predicate compile(Collection<SegmentRule> segments, Collection<String> recipientIds,
                                    Collection<String> services, int firstParameter) {
        requireNonNull(services, "services");
        requireNonNull(segments, "segments");
        requireNonNull(recipientIds, "recipientIds");
        List<Object> parameters = new ArrayList<>();
        List<String> alternatives = new ArrayList<>();
        for (SegmentRule segment : segments) {
            alternatives.add(segment.all() ? "TRUE" : conjunction(segment.match(), parameters, firstParameter));
        }
        if (!recipientIds.isEmpty()) {
            parameters.add(recipientIds.toArray(String[]::new));
            alternatives.add("id = ANY($" + (firstParameter + parameters.size() - 1) + ")");
        }
        if (!services.isEmpty()) {
            parameters.add(services.toArray(String[]::new));
            alternatives.add("services && $" + (firstParameter + parameters.size() - 1));
        }
        if (alternatives.isEmpty()) {
            return new Predicate("FALSE", List.of());
        }
        return new Predicate("(" + String.join(" OR ", alternatives) + ")", List.copyOf(parameters));
    }

    private static String conjunction(Map<String, List<String>> match, List<Object> parameters, int first) {
        List<String> terms = new ArrayList<>();
        match.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            parameters.add(e.getValue().toArray(String[]::new));
            String values = "$" + (first + parameters.size() - 1);
            terms.add(term(e.getKey(), values, parameters, first));
        });
        return "(" + String.join(" AND ", terms) + ")";
    }

    private static String term(String key, String values, List<Object> parameters, int first) {
        return switch (key) {
            case "tier", "region", "locale" -> key + " = ANY(" + values + ")";
            case "services" -> "services && " + values;
            default -> {
                parameters.add(key.substring(SegmentRule.ATTRIBUTE_PREFIX.length()));
                yield "attributes ->> $" + (first + parameters.size() - 1) + " = ANY(" + values + ")";
            }
        };
    }
}
