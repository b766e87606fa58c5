package io.clarion.core.redaction;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides whether a tenant's redaction pattern may be stored: it must compile, and it must finish within the step
 * bound on hostile inputs (runs of each character the pattern names, and of a few common ones, with a
 * non-matching tail). This catches the catastrophic-backtracking shapes ({@code ((a+)+)+$}, {@code (.*a){25}},
 * {@code (a+)+\1$}) before a dispatcher ever runs them; the bound at match time stays as the last guard.
 */
public final class PatternSafety {
    /** The budget a pattern gets on each hostile input; a safe pattern needs a few thousand reads at most. */
    static final long PROBE_STEPS = 200_000;
    private static final int[] RUN_LENGTHS = {12, 24, 48};
    private static final String COMMON = "a0 -._x";

    private PatternSafety() {
    }

    /** Why {@code pattern} is refused, or empty when it is accepted. */
    public static Optional<String> problem(String pattern) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return Optional.of("is not a regular expression: " + e.getDescription());
        }
        for (String input : hostileInputs(pattern)) {
            try {
                BoundedMatching.find(compiled, input, PROBE_STEPS);
            } catch (RedactionOverrunException | StackOverflowError e) {
                return Optional.of("backtracks catastrophically (more than " + PROBE_STEPS + " steps on '"
                        + (input.length() > 20 ? input.substring(0, 20) + "…" : input)
                        + "'; expected: a pattern without nested or overlapping repetition)");
            }
        }
        return Optional.empty();
    }

    private static Set<String> hostileInputs(String pattern) {
        Set<Character> chars = new LinkedHashSet<>();
        pattern.chars().filter(Character::isLetterOrDigit).forEach(c -> chars.add((char) c));
        COMMON.chars().forEach(c -> chars.add((char) c));
        Set<String> inputs = new LinkedHashSet<>();
        for (char c : chars) {
            for (int length : RUN_LENGTHS) {
                inputs.add(String.valueOf(c).repeat(length) + "!");
                inputs.add(String.valueOf(c).repeat(length) + "\u0000");
            }
        }
        return inputs;
    }
}
