package io.clarion.core.delivery;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What one incident update says: the immutable content every channel renders. {@code template} names the message
 * template the update is rendered with ({@code null}: the built-in text) and {@code variables} are the update's own
 * {@code variables.<key>} for it; {@code templateVersions} pins, per template locale, the version that was current
 * when the update was posted, so a template put afterwards does not change what this update says. A record written
 * before templates existed reads with none of them; one written before pinning has no {@code templateVersions}
 * (empty: the locales' latest versions).
 */
public record UpdateContent(String severity, String status, String title, String body, String template,
                            Map<String, String> variables, Map<String, Integer> templateVersions) {
    public UpdateContent {
        requireNonNull(severity, "severity");
        requireNonNull(status, "status");
        requireNonNull(title, "title");
        requireNonNull(body, "body");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        templateVersions = templateVersions == null ? Map.of() : Map.copyOf(templateVersions);
    }

    /** An update without pinned template versions. */
    public UpdateContent(String severity, String status, String title, String body, String template,
                         Map<String, String> variables) {
        this(severity, status, title, body, template, variables, Map.of());
    }

    /** An update without a template. */
    public UpdateContent(String severity, String status, String title, String body) {
        this(severity, status, title, body, null, Map.of(), Map.of());
    }

    /**
     * The same update saying {@code title} and {@code body} instead (e.g. redacted): this very instance when they
     * are the texts it says, so the deliveries of one update keep sharing one content (compared by identity first).
     */
    public UpdateContent withTexts(String title, String body) {
        if (this.title.equals(title) && this.body.equals(body)) {
            return this;
        }
        return new UpdateContent(severity, status, title, body, template, variables, templateVersions);
    }
}
