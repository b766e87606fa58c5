package io.clarion.dispatcher.channel.email;

import io.clarion.core.html.HtmlEscape;
import io.clarion.core.delivery.UpdateContent;

/**
 * What every recipient of one update sees: subject {@code [<severity>] <title> (<status>)}, a plain-text part
 * and an HTML part. The HTML part escapes all update content, so a title or body can never inject markup; the
 * subject is kept on one line.
 */
record RenderedEmail(String subject, String text, String html) {

    static RenderedEmail of(String incidentId, int version, UpdateContent content) {
        String subject = oneLine("[" + content.severity() + "] " + content.title() + " (" + content.status() + ")");
        String facts = "Severity: " + content.severity() + " | Status: " + content.status()
                + " | Incident " + incidentId + ", update " + version;
        String text = content.title() + "\n" + facts + "\n\n" + content.body() + "\n";
        String html = "<!DOCTYPE html><html><body>"
                + "<h1>" + escape(content.title()) + "</h1>"
                + "<p><strong>" + escape(facts) + "</strong></p>"
                + "<p>" + escape(content.body()).replace("\r\n", "\n").replace("\n", "<br>\n") + "</p>"
                + "</body></html>";
        return new RenderedEmail(subject, text, html);
    }

    static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /** Escapes the five characters that matter in HTML text and attribute values. */
    static String escape(String value) {
        return HtmlEscape.escape(value);
    }
}
