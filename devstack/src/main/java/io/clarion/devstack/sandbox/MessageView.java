package io.clarion.devstack.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One message rendered for its channel. A body that is not in the channel's expected shape
 * (not JSON, or missing what the channel always has) gets no rendered view; its raw body, which
 * every message page shows, says what arrived.
 */
final class MessageView {

    private static final int SUMMARY_LENGTH = 160;

    private MessageView() {
    }

    /** One line of plain (unescaped) text for the list: subject, SMS text, push title, webhook title. */
    static String summary(SandboxMessage message) {
        JsonNode body = parse(message.body());
        String summary = body == null ? null : switch (message.channel()) {
            case "email" -> joined(" \u2014 ", text(body, "subject"), joined(" \u2192 ", text(body, "from"),
                    addresses(body.path("to"))));
            case "sms" -> text(body, "body");
            case "push" -> joined(": ", pushAlert(body, "title"), pushAlert(body, "body"));
            case "webhook" -> joined(" \u2014 ", text(body, "title"), text(body, "status"));
            default -> null;
        };
        String line = summary == null || summary.isEmpty() ? message.body() : summary;
        return line.length() <= SUMMARY_LENGTH ? line : line.substring(0, SUMMARY_LENGTH) + "\u2026";
    }

    static String page(int index, SandboxMessage message) {
        JsonNode body = parse(message.body());
        StringBuilder html = new StringBuilder(Html.head(message.channel() + " message #" + index, 0));
        html.append("<p>").append(Html.link(InboxPage.PATH + "?channel=" + URLEncoder.encode(message.channel(), UTF_8),
                "back to the " + message.channel() + " inbox")).append("</p>\n<h1>")
                .append(Html.escape(message.channel())).append(" message #").append(index).append("</h1>\n");
        html.append(definitions(List.of(Map.entry("received", message.receivedAt().toString()),
                Map.entry("path", message.path()), entry("recipient", message.recipient()),
                entry("incident", message.incidentId()),
                entry("version", Objects.toString(message.version(), null)),
                entry("message id", message.messageId()))));
        if (!message.headers().isEmpty()) {
            html.append("<h2>protocol headers</h2>").append(table(message.headers().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()));
        }
        String view = body == null ? null : rendered(message, body);
        html.append(view != null ? view : "<p class=\"raw\">The body is not in the shape a " + Html.escape(
                message.channel()) + " message has; it is shown raw below.</p>\n");
        html.append("<h2>body</h2><pre>").append(Html.escape(body == null ? message.body() : pretty(body)))
                .append("</pre>\n");
        return html.append("</body></html>\n").toString();
    }

    private static String rendered(SandboxMessage message, JsonNode body) {
        return switch (message.channel()) {
            case "email" -> body.has("subject") || body.has("text") || body.has("html") ? email(body) : null;
            case "sms" -> body.path("body").isString() ? sms(body) : null;
            case "push" -> body.path("message").isObject() || body.path("aps").isObject() ? push(message, body)
                    : null;
            case "webhook" -> "";
            default -> null;
        };
    }

    private static String email(JsonNode body) {
        StringBuilder html = new StringBuilder("<h2>email</h2>");
        html.append(definitions(List.of(entry("subject", text(body, "subject")), entry("from", text(body, "from")),
                entry("to", addresses(body.path("to"))))));
        if (body.path("headers").isObject()) {
            html.append("<h3>headers</h3>").append(table(fields(body.path("headers"))));
        }
        String text = text(body, "text");
        html.append("<h3>text part</h3>").append(text == null ? "<p>none</p>"
                : "<pre>" + Html.escape(text) + "</pre>");
        String part = text(body, "html");
        // sandbox with no allow-* flags: the email's scripts, forms and navigation cannot run or reach this page
        return html.append("<h3>HTML part</h3>").append(part == null ? "<p>none</p>"
                : "<iframe sandbox srcdoc=\"" + Html.escape(part) + "\" title=\"HTML part\"></iframe>")
                .append('\n').toString();
    }

    private static String sms(JsonNode body) {
        return "<h2>SMS</h2>" + definitions(List.of(entry("from", text(body, "from")),
                entry("to", text(body, "to")), entry("segments", text(body, "segments"))))
                + "<pre>" + Html.escape(text(body, "body")) + "</pre>\n";
    }

    private static String push(SandboxMessage message, JsonNode body) {
        boolean fcm = body.path("message").isObject();
        JsonNode data = fcm ? body.path("message").path("data") : body;
        List<Map.Entry<String, String>> dataFields = fields(data).stream()
                .filter(field -> fcm || !field.getKey().equals("aps")).toList();
        return "<h2>push (" + (fcm ? "FCM" : "APNs") + ")</h2>" + definitions(List.of(
                entry("device token", fcm ? text(body.path("message"), "token")
                        : message.path().substring(message.path().lastIndexOf('/') + 1)),
                entry("title", pushAlert(body, "title")), entry("body", pushAlert(body, "body"))))
                + "<h3>data</h3>" + table(dataFields) + "\n";
    }

    /**
     * The notification's title or body: FCM {@code message.notification}, APNs {@code aps.alert}
     * (an alert that is a string is the body).
     */
    private static String pushAlert(JsonNode body, String field) {
        if (body.path("message").isObject()) {
            return text(body.path("message").path("notification"), field);
        }
        JsonNode alert = body.path("aps").path("alert");
        return alert.isString() ? (field.equals("body") ? alert.stringValue() : null) : text(alert, field);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = JsonReplies.MAPPER.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String pretty(JsonNode json) {
        return JsonReplies.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }

    /** A scalar as text; null for objects, arrays, null and missing fields. */
    private static String text(JsonNode json, String field) {
        return scalar(json.path(field));
    }

    private static String scalar(JsonNode node) {
        if (node.isString()) {
            return node.stringValue();
        }
        return node.isNumber() || node.isBoolean() ? node.toString() : null;
    }

    /** An address or a list of addresses. */
    private static String addresses(JsonNode to) {
        if (to.isArray()) {
            return String.join(", ", to.valueStream().map(MessageView::scalar).filter(Objects::nonNull).toList());
        }
        return scalar(to);
    }

    /** An object's fields, scalars as text and anything else as compact JSON. */
    private static List<Map.Entry<String, String>> fields(JsonNode json) {
        return json.propertyStream().map(field -> entry(field.getKey(), Objects.requireNonNullElse(
                scalar(field.getValue()), field.getValue().toString()))).toList();
    }

    private static String joined(String separator, String first, String second) {
        if (first == null || second == null || second.isEmpty()) {
            return first != null ? first : second;
        }
        return first + separator + second;
    }

    private static Map.Entry<String, String> entry(String key, String value) {
        return new java.util.AbstractMap.SimpleImmutableEntry<>(key, value);
    }

    private static String definitions(List<Map.Entry<String, String>> entries) {
        StringBuilder html = new StringBuilder("<dl>");
        entries.stream().filter(entry -> entry.getValue() != null).forEach(entry -> html.append("<dt>")
                .append(Html.escape(entry.getKey())).append("</dt><dd>").append(Html.escape(entry.getValue()))
                .append("</dd>"));
        return html.append("</dl>\n").toString();
    }

    private static String table(List<Map.Entry<String, String>> entries) {
        StringBuilder html = new StringBuilder("<table class=\"fields\"><tbody>");
        entries.forEach(entry -> html.append("<tr><th>").append(Html.escape(entry.getKey())).append("</th><td>")
                .append(Html.escape(entry.getValue())).append("</td></tr>"));
        return html.append("</tbody></table>\n").toString();
    }
}
