package io.clarion.core.redaction;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Redacts what a customer reads: the built-in rules ({@link #BUILT_IN}: URLs with credentials, AWS access key
 * ids, bearer tokens, internal host names, IPv4/IPv6 addresses, then email addresses other than the recipient's
 * own), followed by the tenant's rules; a tenant may turn the built-in rules off ({@link #of}). Every rule runs under the step bound of {@link BoundedMatching}: a pattern
 * that needs more throws {@link RedactionOverrunException} and nothing is returned half-redacted.
 * Immutable and thread-safe; equal to another redactor that runs the same rules, so a redactor read again with
 * unchanged rules can key what was redacted before.
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
    private final int hash;

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
        this.hash = Objects.hash(rules, builtIn, maxSteps);
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
        return forRecipient(prepare(text), ownEmail);
    }

    /**
     * {@code text} redacted as far as it is the same for every recipient: the one part of redaction that depends
     * on the recipient is keeping its own email address, so {@link #forRecipient} finishes a prepared text for one
     * recipient without running the other rules again. A prepared text can be shared by every recipient of it.
     *
     * @throws RedactionOverrunException when a rule exceeds the step bound
     */
    public Prepared prepare(String text) {
        if (text == null || text.isEmpty()) {
            return new Prepared(text, text, Set.of());
        }
        String redacted = text;
        for (RedactionRule rule : rules) {
            redacted = BoundedMatching.replaceAll(rule.pattern(), redacted, match -> rule.replacement(), maxSteps);
        }
        if (!builtIn) {
            return new Prepared(redacted, redacted, Set.of());
        }
        Set<String> addresses = new HashSet<>();
        String forAnyone = BoundedMatching.replaceAll(EMAIL, redacted, match -> {
            addresses.add(match.group().toLowerCase(Locale.ROOT));
            return EMAIL_REPLACEMENT;
        }, maxSteps);
        return new Prepared(redacted, forAnyone, Set.copyOf(addresses));
    }

    /**
     * {@code prepared} (made by this redactor) for the recipient whose own address is {@code ownEmail}: its
     * {@link Prepared#forAnyone()} text unless the email rule matched that address (ignoring case), then the email
     * rule again over {@link Prepared#beforeEmails()}, keeping that address. A set lookup per delivery: the text is
     * scanned only for a recipient whose own address it holds.
     */
    public String forRecipient(Prepared prepared, String ownEmail) {
        if (!builtIn || ownEmail == null || ownEmail.isEmpty() || prepared.addresses().isEmpty()) {
            return prepared.forAnyone();
        }
        String own = ownEmail.toLowerCase(Locale.ROOT);
        // The email rule keeps a match whose lower case equals the address's: where no match is, it redacts every
        // address, as it did for forAnyone.
        if (!prepared.addresses().contains(own)) {
            return prepared.forAnyone();
        }
        return redactEmails(prepared.beforeEmails(), own);
    }

    private String redactEmails(String text, String own) {
        return BoundedMatching.replaceAll(EMAIL, text,
                match -> match.group().toLowerCase(Locale.ROOT).equals(own) ? match.group() : EMAIL_REPLACEMENT,
                maxSteps);
    }

    /**
     * One text after every rule but the recipient's own address: {@code beforeEmails} before the email rule (what
     * {@link #forRecipient} finishes for a recipient whose address it holds), {@code forAnyone} with every email
     * address redacted (the same as {@code beforeEmails} when the built-in rules are off), {@code addresses} the
     * email rule's matches in {@code beforeEmails}, in lower case (none when the built-in rules are off).
     */
    public record Prepared(String beforeEmails, String forAnyone, Set<String> addresses) {
    }

    /** Redactors are equal when they run the same rules (name, pattern, replacement) in order with the same bound. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Redactor that && builtIn == that.builtIn
                && maxSteps == that.maxSteps && rules.equals(that.rules);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
