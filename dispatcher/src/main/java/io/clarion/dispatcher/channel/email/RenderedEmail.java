package io.clarion.dispatcher.channel.email;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.html.HtmlEscape;
import io.clarion.core.delivery.UpdateContent;

/**
 * What every recipient of one update sees: subject {@code [<severity>] <title> (<status>)}, a plain-text part
 * and an HTML part. The HTML part escapes all update content, so a title or body can never inject markup; the
 * subject is kept on one line.
 */
record RenderedEmail(String subject, String text, String html) {

    /**
     * The template's parts when the update was rendered with one for email (a part it lacks is the built-in one;
     * an HTML part it lacks is its text part, escaped), else the built-in email.
     */
    static RenderedEmail of(DeliveryJob job) {
        RenderedEmail builtIn = of(job.incidentId(), job.version(), job.content());
        RenderedMessage message = job.message();
        if (message == null) {
            return builtIn;
        }
        String text = message.text() != null ? message.text() : builtIn.text();
        String html = message.html() != null ? message.html() : message.text() == null ? builtIn.html()
                : "<!DOCTYPE html><html><body><p>" + escape(text).replace("\r\n", "\n").replace("\n", "<br>\n")
                        + "</p></body></html>";
        return new RenderedEmail(message.subject() != null ? oneLine(message.subject()) : builtIn.subject(), text, html);
    }

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
