package io.clarion.core.redaction;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a regular expression over a text with a bound on the work it may do: the text is wrapped in a
 * {@link CharSequence} that counts every character the matcher reads and throws {@link RedactionOverrunException}
 * past {@code maxSteps}. {@code java.util.regex} backtracks, so a pattern like {@code ((a+)+)+$} or
 * {@code (.*a){25}} can take exponential time on a hostile input; the bound interrupts it instead of stalling the
 * thread. The bound counts reads, not time, so it behaves the same on a fast and a loaded machine.
 */
public final class BoundedMatching {
    /** The default budget: character reads per rule and text (about 10 ms to 100 ms of matching). */
    public static final long DEFAULT_MAX_STEPS = 2_000_000;

    private BoundedMatching() {
    }

    /** {@code text} with every match of {@code pattern} replaced by {@code replacement.apply(match)}. */
    public static String replaceAll(Pattern pattern, String text, Function<Matcher, String> replacement,
                                    long maxSteps) {
        requireNonNull(pattern, "pattern");
        requireNonNull(text, "text");
        Matcher matcher = pattern.matcher(new Counted(text, maxSteps, pattern));
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Whether {@code pattern} finds a match in {@code text} within {@code maxSteps} reads (else it throws). */
    public static boolean find(Pattern pattern, String text, long maxSteps) {
        return pattern.matcher(new Counted(text, maxSteps, pattern)).find();
    }

    private static final class Counted implements CharSequence {
        private final String text;
        private final long maxSteps;
        private final Pattern pattern;
        private long steps;

        Counted(String text, long maxSteps, Pattern pattern) {
            this.text = text;
            this.maxSteps = maxSteps;
            this.pattern = pattern;
        }

        @Override
        public char charAt(int index) {
            if (++steps > maxSteps) {
                throw new RedactionOverrunException(pattern.pattern(), maxSteps);
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
