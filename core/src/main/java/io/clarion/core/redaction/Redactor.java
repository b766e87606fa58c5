package io.clarion.core.redaction;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Redacts what a customer reads: the built-in rules ({@link #BUILT_IN}: URLs with credentials, AWS access key
 * ids, bearer tokens, internal host names, IPv4/IPv6 addresses, then email addresses other than the recipient's
 * own), followed by the tenant's rules; a tenant may turn the built-in rules off ({@link #of}). Every rule runs under the step bound of {@link BoundedMatching}: a pattern
 * that needs more throws {@link RedactionOverrunException} and nothing is returned half-redacted.
 * Immutable and thread-safe.
 */
public final class Redactor {
    /** Built-in rules, applied in this order (credentials before addresses, so {@code user:pw@host} goes whole). */
    public static final List<RedactionRule> BUILT_IN = List.of(
            new RedactionRule("url-credentials",
                    Pattern.compile("(?<=\\b[A-Za-z][A-Za-z0-9+.-]{0,20}://)[^\\s/@]+@"), "[credentials]@"),
            new RedactionRule("aws-access-key", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), "[aws-key]"),
            new RedactionRule("bearer-token",
                    Pattern.compile("(?i)(?<=\\bbearer\\s)\\s*[A-Za-z0-9\\-._~+/]+=*"), "[token]"),
            new RedactionRule("internal-host", Pattern.compile(
                    "(?i)\\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:internal|local|corp|lan)\\b(?![.-]\\w)"),
                    "[host]"),
            new RedactionRule("ipv6", Pattern.compile("(?<![0-9A-Za-z:.])(?:"
                    + "(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
                    + "|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?"
                    + ")(?![0-9A-Za-z:.])"), "[ip]"),
            new RedactionRule("ipv4", Pattern.compile(
                    "(?<![0-9.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                            + "(?![0-9]|\\.\\d)"), "[ip]"));
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final String EMAIL_REPLACEMENT = "[email]";

    private final List<RedactionRule> rules;
    private final boolean builtIn;
    private final long maxSteps;

    /** The built-in rules, then {@code tenantRules} in their order, each bounded by {@code maxSteps} reads. */
    public Redactor(List<RedactionRule> tenantRules, long maxSteps) {
        this(true, tenantRules, maxSteps);
    }

    private Redactor(boolean builtIn, List<RedactionRule> tenantRules, long maxSteps) {
        requireNonNull(tenantRules, "tenantRules");
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps: " + maxSteps + " (expected: > 0)");
        }
        this.rules = Stream.concat(builtIn ? BUILT_IN.stream() : Stream.empty(), tenantRules.stream()).toList();
        this.builtIn = builtIn;
        this.maxSteps = maxSteps;
    }

    /**
     * The built-in rules (the email rule included) only when {@code builtIn}, then {@code tenantRules}: a tenant
     * that turned the built-ins off and has no rules of its own gets its texts back unchanged.
     */
    public static Redactor of(boolean builtIn, List<RedactionRule> tenantRules, long maxSteps) {
        return new Redactor(builtIn, tenantRules, maxSteps);
    }

    /** Only the built-in rules, with the default bound. */
    public static Redactor builtIn() {
        return new Redactor(List.of(), BoundedMatching.DEFAULT_MAX_STEPS);
    }

    /**
     * {@code text} redacted for the recipient whose own address is {@code ownEmail} ({@code null} when unknown:
     * then every email address is redacted).
     *
     * @throws RedactionOverrunException when a rule exceeds the step bound
     */
    public String redact(String text, String ownEmail) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (RedactionRule rule : rules) {
            redacted = BoundedMatching.replaceAll(rule.pattern(), redacted, match -> rule.replacement(), maxSteps);
        }
        if (!builtIn) {
            return redacted;
        }
        String own = ownEmail == null ? null : ownEmail.toLowerCase(Locale.ROOT);
        return BoundedMatching.replaceAll(EMAIL, redacted,
                match -> match.group().toLowerCase(Locale.ROOT).equals(own) ? match.group() : EMAIL_REPLACEMENT,
                maxSteps);
    }
}
