package io.clarion.core.template;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.html.HtmlEscape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a customer reads on each channel for one update: the parts of the update's template when it was rendered
 * with one for the channel ({@code message}), and in place of every part it lacks (or of all, without a template)
 * Clarion's built-in wording of the update:
 * <ul>
 *   <li>email: subject {@code [<severity>] <title> (<status>)} on one line; a text part (title, a facts line, the
 *       body) and an HTML part of the same, every update text escaped (a template's text part without an HTML
 *       part becomes the HTML part, escaped);</li>
 *   <li>SMS: {@code [SEV1] <title> (<status>): <body> (v3)}: the version is last and short, so two updates of one
 *       incident are told apart without crowding the title;</li>
 *   <li>push: title {@code [<severity>] <title>} and the update's body;</li>
 *   <li>webhook: the update's own title and body.</li>
 * </ul>
 * It only words what it is given: given the redacted update and message (as the dispatcher's senders and the
 * gateway's previews give them), what it returns is redacted; severity, status and the facts line are Clarion's.
 */
public final class ChannelWording {
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");

    private ChannelWording() {
    }

    /** An email's three parts. */
    public record Email(String subject, String text, String html) {
    }

    /** A push notification's or a webhook message's title and body. */
    public record Titled(String title, String body) {
    }

    public static Email email(String incidentId, int version, UpdateContent content, RenderedMessage message) {
        String facts = "Severity: " + content.severity() + " | Status: " + content.status()
                + " | Incident " + incidentId + ", update " + version;
        Email builtIn = new Email(oneLine("[" + content.severity() + "] " + content.title() + " (" + content.status() + ")"),
                content.title() + "\n" + facts + "\n\n" + content.body() + "\n",
                "<!DOCTYPE html><html><body><h1>" + HtmlEscape.escape(content.title()) + "</h1>"
                        + "<p><strong>" + HtmlEscape.escape(facts) + "</strong></p>"
                        + "<p>" + htmlLines(content.body()) + "</p></body></html>");
        if (message == null) {
            return builtIn;
        }
        String text = or(message.text(), builtIn.text());
        String html = message.html() != null ? message.html() : message.text() == null ? builtIn.html()
                : "<!DOCTYPE html><html><body><p>" + htmlLines(text) + "</p></body></html>";
        return new Email(message.subject() != null ? oneLine(message.subject()) : builtIn.subject(), text, html);
    }

    public static String sms(int version, UpdateContent content, RenderedMessage message) {
        return message != null && message.text() != null ? message.text()
                : "[" + content.severity() + "] " + content.title() + " (" + content.status() + "): " + content.body()
                        + " (v" + version + ")";
    }

    public static Titled push(UpdateContent content, RenderedMessage message) {
        return titled(new Titled("[" + content.severity() + "] " + content.title(), content.body()), message);
    }

    public static Titled webhook(UpdateContent content, RenderedMessage message) {
        return titled(new Titled(content.title(), content.body()), message);
    }

    /**
     * {@code channel}'s message by part name, as previews show it: email {@code subject}, {@code text},
     * {@code html}; SMS {@code text}; push and webhook {@code title}, {@code body}.
     */
    public static Map<String, String> parts(Channel channel, String incidentId, int version, UpdateContent content,
                                            RenderedMessage message) {
        Map<String, String> parts = new LinkedHashMap<>();
        switch (channel) {
            case EMAIL -> {
                Email email = email(incidentId, version, content, message);
                parts.put("subject", email.subject());
                parts.put("text", email.text());
                parts.put("html", email.html());
            }
            case SMS -> parts.put("text", sms(version, content, message));
            case PUSH, WEBHOOK -> {
                Titled titled = channel == Channel.PUSH ? push(content, message) : webhook(content, message);
                parts.put("title", titled.title());
                parts.put("body", titled.body());
            }
        }
        return parts;
    }

    /**
     * {@code value} on one line: runs of line breaks and tabs become one space (a subject or header value). Called for
     * every header of every email, so a value without any (the usual one) is only scanned, never matched.
     */
    public static String oneLine(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                return LINE_BREAKS.matcher(value).replaceAll(" ").strip();
            }
        }
        return value.strip();
    }

    private static Titled titled(Titled builtIn, RenderedMessage message) {
        return message == null ? builtIn
                : new Titled(or(message.subject(), builtIn.title()), or(message.text(), builtIn.body()));
    }

    private static String htmlLines(String text) {
        return HtmlEscape.escape(text).replace("\r\n", "\n").replace("\n", "<br>\n");
    }

    private static String or(String part, String builtIn) {
        return part != null ? part : builtIn;
    }
}
