package io.clarion.gateway.settings;

import io.clarion.core.redaction.BoundedMatching;
import io.clarion.core.redaction.PatternSafety;
import io.clarion.core.redaction.RedactionRule;
import io.clarion.core.redaction.Redactor;
import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.net.URI;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's settings, as {@code PUT /v1/settings} takes them and features read them. Every field is
 * optional in a request: a PUT sets the fields it names and keeps the others ({@link #mergedOnto}).
 *
 * @param statusPageUrl              the tenant's public status page, the base of {@code statusUrl} in messages
 * @param defaultLocale              the locale a recipient without a matching template locale falls back to
 *                                   (before {@code en})
 * @param redaction                  the tenant's own redaction rules, applied after the built-in ones (which
 *                                   {@code builtIn: false} turns off; default on); a pattern that does not
 *                                   compile or backtracks catastrophically on a hostile input
 *                                   ({@link PatternSafety}) is refused
 * @param maxAudienceWithoutApproval above this many recipients a broadcast needs approval (default 10,000)
 * @param pagerdutySecret            the secret PagerDuty signs its webhooks with; write-only (never answered)
 */
public record TenantSettings(String statusPageUrl, String defaultLocale, Redaction redaction,
                             Integer maxAudienceWithoutApproval, String pagerdutySecret) {
    public static final int DEFAULT_MAX_AUDIENCE_WITHOUT_APPROVAL = 10_000;
    public static final TenantSettings DEFAULTS = new TenantSettings(null, "en", new Redaction(null, List.of()),
            DEFAULT_MAX_AUDIENCE_WITHOUT_APPROVAL, null);
    private static final int MAX_RULES = 50;

    /** The tenant's redaction rules; {@code builtIn} ({@code null}: on) keeps the built-in rules. */
    public record Redaction(Boolean builtIn, List<Rule> rules) {
        /** What the tenant's public texts pass: the built-in rules unless turned off, then the tenant's own. */
        public Redactor redactor() {
            return Redactor.of(!Boolean.FALSE.equals(builtIn), rules == null ? List.of() : rules.stream()
                    .map(rule -> RedactionRule.of(rule.name(), rule.pattern(), rule.replacement())).toList(),
                    BoundedMatching.DEFAULT_MAX_STEPS);
        }
    }

    /** Replace every match of {@code pattern} (a Java regular expression) by {@code replacement}. */
    public record Rule(String name, String pattern, String replacement) {
    }

    /** These settings with every field this one leaves out taken from {@code current}. */
    TenantSettings mergedOnto(TenantSettings current) {
        return new TenantSettings(statusPageUrl != null ? statusPageUrl : current.statusPageUrl,
                defaultLocale != null ? defaultLocale : current.defaultLocale,
                redaction != null ? redaction : current.redaction,
                maxAudienceWithoutApproval != null ? maxAudienceWithoutApproval : current.maxAudienceWithoutApproval,
                pagerdutySecret != null ? pagerdutySecret : current.pagerdutySecret);
    }

    /** The settings as answered: the PagerDuty secret is only said to be set. */
    TenantSettings masked() {
        return new TenantSettings(statusPageUrl, defaultLocale, redaction, maxAudienceWithoutApproval,
                pagerdutySecret == null ? null : "***");
    }

    List<FieldError> validate() {
        Violations v = new Violations().maxLength("statusPageUrl", statusPageUrl, 2048)
                .maxLength("pagerdutySecret", pagerdutySecret, 256);
        if (statusPageUrl != null && !isHttpUrl(statusPageUrl)) {
            v.add("statusPageUrl", "'" + statusPageUrl + "' is not an absolute http(s) URL");
        }
        if (defaultLocale != null && !isLocale(defaultLocale)) {
            v.add("defaultLocale", "'" + defaultLocale + "' is not a BCP 47 language tag (expected e.g. en, de-CH)");
        }
        if (maxAudienceWithoutApproval != null && maxAudienceWithoutApproval < 0) {
            v.add("maxAudienceWithoutApproval", maxAudienceWithoutApproval + " (expected: >= 0)");
        }
        if (pagerdutySecret != null && pagerdutySecret.length() < 16) {
            v.add("pagerdutySecret", "has " + pagerdutySecret.length() + " characters (expected: at least 16)");
        }
        if (redaction != null) {
            validateRules(v, redaction.rules());
        }
        return v.errors();
    }

    private static void validateRules(Violations v, List<Rule> rules) {
        if (rules == null) {
            v.add("redaction.rules", "is required (expected: a list, [] for none)");
            return;
        }
        if (rules.size() > MAX_RULES) {
            v.add("redaction.rules", rules.size() + " rules (expected: at most " + MAX_RULES + ")");
        }
        for (int i = 0; i < rules.size(); i++) {
            String path = "redaction.rules[" + i + "]";
            Rule rule = rules.get(i);
            if (rule == null) {
                v.add(path, "is required");
                continue;
            }
            v.required(path + ".name", rule.name()).identifier(path + ".name", rule.name())
                    .required(path + ".pattern", rule.pattern()).maxLength(path + ".pattern", rule.pattern(), 500)
                    .required(path + ".replacement", rule.replacement())
                    .maxLength(path + ".replacement", rule.replacement(), 100);
            if (rule.pattern() != null && !rule.pattern().isBlank()) {
                PatternSafety.problem(rule.pattern()).ifPresent(problem -> v.add(path + ".pattern", problem));
            }
        }
    }

    private static boolean isLocale(String tag) {
        try {
            return !new Locale.Builder().setLanguageTag(tag).build().getLanguage().isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
