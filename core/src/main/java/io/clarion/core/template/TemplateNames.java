package io.clarion.core.template;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a template may use (API.md): {@code incident.id|title|severity}, {@code update.status|body|version},
 * {@code recipient.id|tier}, {@code recipient.attributes.<key>}, {@code statusUrl}, and the update's own
 * {@code variables.<key>}.
 */
public final class TemplateNames {
    public static final String VARIABLES = "variables.";
    public static final String ATTRIBUTES = "recipient.attributes.";
    private static final Set<String> FIXED = Set.of("incident.id", "incident.title", "incident.severity",
            "update.status", "update.body", "update.version", "recipient.id", "recipient.tier", "statusUrl");

    private TemplateNames() {
    }

    /** The names among {@code used} that no template may use, sorted. */
    public static List<String> unknown(Collection<String> used) {
        return used.stream().filter(name -> !FIXED.contains(name) && !isKeyUnder(name, VARIABLES)
                && !isKeyUnder(name, ATTRIBUTES)).sorted().toList();
    }

    /** The {@code variables.<key>} keys among {@code used} that {@code given} lacks, sorted: what a 422 lists. */
    public static List<String> missingVariables(Collection<String> used, Map<String, ?> given) {
        Set<String> missing = new TreeSet<>();
        used.stream().filter(name -> isKeyUnder(name, VARIABLES)).map(name -> name.substring(VARIABLES.length()))
                .filter(key -> given == null || !given.containsKey(key)).forEach(missing::add);
        return List.copyOf(missing);
    }

    private static boolean isKeyUnder(String name, String prefix) {
        return name.startsWith(prefix) && name.length() > prefix.length()
                && name.indexOf('.', prefix.length()) < 0;
    }
}
