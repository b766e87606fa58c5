package io.clarion.core.delivery;

import java.util.Objects;

/**
 * A delivery's message rendered from a template, after redaction: for email {@code subject}/{@code text}/{@code html},
 * for SMS {@code text}, for push and webhooks {@code subject} as the title and {@code text} as the body ({@code null} parts: the
 * template has none for that channel, the built-in text is used). {@code template}, {@code version} and
 * {@code locale} say what it was rendered from; the ledger records them.
 */
public record RenderedMessage(String template, int version, String locale, String subject, String text,
                              String html) {
    /**
     * The same message saying {@code subject}, {@code text} and {@code html} instead (e.g. redacted): this very
     * instance when they are the parts it says, so the deliveries of one rendering keep sharing it.
     */
    public RenderedMessage withTexts(String subject, String text, String html) {
        if (Objects.equals(this.subject, subject) && Objects.equals(this.text, text)
                && Objects.equals(this.html, html)) {
            return this;
        }
        return new RenderedMessage(template, version, locale, subject, text, html);
    }
}
