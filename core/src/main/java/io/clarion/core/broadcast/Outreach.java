package io.clarion.core.broadcast;

import io.clarion.core.validation.Violations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Direct outreach for top accounts (a playbook's or a broadcast's {@code outreach}): recipients of the audience
 * whose tier is one of {@code tiers} are not broadcast to on any channel; they go on the incident's outreach
 * list, where their account manager (the value of the recipient attribute {@code ownerAttribute}) contacts them
 * in person and marks the entry done.
 *
 * @param tiers          the tiers reached in person, one or more
 * @param ownerAttribute the recipient attribute naming the account owner; null means {@value #DEFAULT_OWNER_ATTRIBUTE}
 */
public record Outreach(List<String> tiers, String ownerAttribute) {
    public static final String DEFAULT_OWNER_ATTRIBUTE = "accountOwner";
    public static final int MAX_TIERS = 32;

    /** The tiers of an outreach that may be absent: none when {@code outreach} is null. */
    public static List<String> tiersOf(Outreach outreach) {
        return outreach == null || outreach.tiers() == null ? List.of() : outreach.tiers();
    }

    public String ownerAttributeOrDefault() {
        return ownerAttribute == null ? DEFAULT_OWNER_ATTRIBUTE : ownerAttribute;
    }

    /** Adds what is wrong with this outreach, under {@code path}, to {@code v}. */
    public void validate(String path, Violations v) {
        if (tiers == null || tiers.isEmpty()) {
            v.add(path + ".tiers", "is required (expected: one or more tiers, e.g. [\"enterprise\"])");
        } else if (tiers.size() > MAX_TIERS) {
            v.add(path + ".tiers", "lists " + tiers.size() + " (expected: at most " + MAX_TIERS + ")");
        } else {
            v.strings(path + ".tiers", tiers, 128);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < tiers.size(); i++) {
                if (tiers.get(i) != null && !seen.add(tiers.get(i))) {
                    v.add(path + ".tiers[" + i + "]", "'" + tiers.get(i) + "' is listed twice (expected: distinct tiers)");
                }
            }
        }
        if (ownerAttribute != null) {
            v.required(path + ".ownerAttribute", ownerAttribute).identifier(path + ".ownerAttribute", ownerAttribute);
        }
    }
}
