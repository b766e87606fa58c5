package io.clarion.devstack.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The inbox as people look at it, like a mail catcher: {@code GET /sandbox} lists one channel's
 * messages newest first ({@code ?channel=}, {@code ?recipient=}, {@code ?page=}, {@code ?refresh=}
 * seconds), with a tab per channel and the recipients with their counts; {@code GET
 * /sandbox/messages/{index}} shows one message (its index in arrival order) rendered as its
 * recipient would see it, an email's HTML part in a sandboxed {@code <iframe srcdoc>}.
 *
 * <p>Promises: every value that came from outside is HTML-escaped, and the pages forbid scripts
 * and remote loads by {@code Content-Security-Policy}; a message body that is not in its channel's
 * expected shape is shown raw, never answered with a 500; a page renders at most {@value #PAGE_SIZE}
 * messages and {@value #MAX_RECIPIENTS} recipients, in one pass over the inbox, so 100,000 messages
 * cost a pass, not 100,000 rendered rows. A bad query (unknown channel, page or refresh that is not
 * a positive number) is answered with a 400 page saying what was expected.
 */
final class InboxPage implements SandboxChannel {

    static final String PATH = "/sandbox";
    static final String MESSAGE_PATH = "/sandbox/messages/";
    static final int PAGE_SIZE = 200;
    static final int MAX_RECIPIENTS = 100;
    private static final int MAX_REFRESH_SECONDS = 3_600;
    private static final String NO_RECIPIENT = "(none)";

    private final Inbox inbox;

    InboxPage(Inbox inbox) {
        this.inbox = requireNonNull(inbox, "inbox");
    }

    @Override
    public void addRoutes(HttpServerRoutes routes) {
        routes.route(request -> isGet(request) && isInboxPath(path(request)), this::inboxPage)
                .route(request -> isGet(request) && isMessagePath(path(request)), this::messagePage);
    }

    private static boolean isGet(HttpServerRequest request) {
        return request.method().equals(HttpMethod.GET);
    }

    private static boolean isInboxPath(String path) {
        return path.equals(PATH) || path.equals(PATH + "/");
    }

    private static boolean isMessagePath(String path) {
        return path.startsWith(MESSAGE_PATH) && path.length() > MESSAGE_PATH.length();
    }

    private static String path(HttpServerRequest request) {
        return new QueryStringDecoder(request.uri()).path();
    }

    private Publisher<Void> inboxPage(HttpServerRequest request, HttpServerResponse response) {
        List<SandboxMessage> messages = inbox.messages();
        Map<String, Long> counts = inbox.counts();
        Map<String, List<String>> parameters = new QueryStringDecoder(request.uri()).parameters();
        String channel = first(parameters, "channel");
        if (channel == null) {
            channel = messages.isEmpty() ? Inbox.CHANNELS.get(0) : messages.get(messages.size() - 1).channel();
        }
        if (!counts.containsKey(channel)) {
            return Html.send(response, HttpResponseStatus.BAD_REQUEST, Html.error("Unknown channel", "channel: "
                    + channel + " (expected: one of " + String.join(", ", counts.keySet()) + ")"));
        }
        Integer page = positive(parameters, "page", Integer.MAX_VALUE, 1);
        Integer refresh = positive(parameters, "refresh", MAX_REFRESH_SECONDS, 0);
        if (page == null || refresh == null) {
            return Html.send(response, HttpResponseStatus.BAD_REQUEST, Html.error("Bad query", "page: a number >= 1;"
                    + " refresh: seconds between 1 and " + MAX_REFRESH_SECONDS + " (got: " + request.uri() + ")"));
        }
        View view = new View(channel, first(parameters, "recipient"), page, refresh);
        return Html.send(response, HttpResponseStatus.OK, new Listing(view, counts, select(messages, view)).render());
    }

    private Publisher<Void> messagePage(HttpServerRequest request, HttpServerResponse response) {
        String index = path(request).substring(MESSAGE_PATH.length());
        List<SandboxMessage> messages = inbox.messages();
        int position = index.matches("\\d{1,9}") ? Integer.parseInt(index) : -1;
        if (position < 0 || position >= messages.size()) {
            String expected = messages.isEmpty() ? "the inbox is empty"
                    : "expected: an index from 0 to " + (messages.size() - 1) + ", in arrival order";
            return Html.send(response, HttpResponseStatus.NOT_FOUND, Html.error("No such message", "message: " + index
                    + " (" + expected + ")"));
        }
        return Html.send(response, HttpResponseStatus.OK, MessageView.page(position, messages.get(position)));
    }

    /**
     * One pass from newest to oldest over the selected channel: counts every recipient, counts the
     * matching messages and keeps only the rows of the requested page.
     */
    private static Selection select(List<SandboxMessage> messages, View view) {
        Map<String, Integer> recipients = new HashMap<>();
        List<Integer> rows = new ArrayList<>(PAGE_SIZE);
        long skip = (long) (view.page() - 1) * PAGE_SIZE;
        int matched = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            SandboxMessage message = messages.get(i);
            if (!message.channel().equals(view.channel())) {
                continue;
            }
            String recipient = Objects.requireNonNullElse(message.recipient(), NO_RECIPIENT);
            recipients.merge(recipient, 1, Integer::sum);
            if (view.recipient() == null || view.recipient().equals(recipient)) {
                if (matched++ >= skip && rows.size() < PAGE_SIZE) {
                    rows.add(i);
                }
            }
        }
        List<Map.Entry<String, Integer>> busiest = recipients.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_RECIPIENTS).toList();
        return new Selection(rows.stream().map(i -> Map.entry(i, messages.get(i))).toList(), matched, busiest,
                recipients.size());
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    /** The parameter as a number in 1..max, {@code absent} when missing, null when it is anything else. */
    private static Integer positive(Map<String, List<String>> parameters, String name, int max, int absent) {
        String value = first(parameters, name);
        if (value == null) {
            return absent;
        }
        if (!value.matches("\\d{1,9}")) {
            return null;
        }
        int number = Integer.parseInt(value);
        return number >= 1 && number <= max ? number : null;
    }

    /** What the user asked to see: a channel, maybe one recipient, a page, an auto-refresh (0: off). */
    record View(String channel, String recipient, int page, int refresh) {

        String url(String recipient, int page, int refresh) {
            StringBuilder url = new StringBuilder(PATH).append("?channel=").append(encode(channel));
            if (recipient != null) {
                url.append("&recipient=").append(encode(recipient));
            }
            if (page > 1) {
                url.append("&page=").append(page);
            }
            if (refresh > 0) {
                url.append("&refresh=").append(refresh);
            }
            return url.toString();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, UTF_8);
        }
    }

    /** One page of rows (inbox index to message, newest first) and the channel's recipients. */
    record Selection(List<Map.Entry<Integer, SandboxMessage>> rows, int matched,
                     List<Map.Entry<String, Integer>> recipients, int recipientCount) {
    }

    /** Renders the list page: tabs, recipients, filter, rows and paging. */
    private record Listing(View view, Map<String, Long> counts, Selection selection) {

        String render() {
            StringBuilder html = new StringBuilder(64 * 1024);
            html.append(Html.head("Clarion sandbox inbox: " + view.channel(), view.refresh()));
            html.append("<header><h1>Clarion sandbox inbox</h1> ").append(refreshToggle()).append("</header>\n");
            tabs(html);
            recipients(html);
            filter(html);
            rows(html);
            pager(html);
            return html.append("</body></html>\n").toString();
        }

        private String refreshToggle() {
            return view.refresh() > 0
                    ? Html.link(view.url(view.recipient(), view.page(), 0), "auto-refresh every " + view.refresh()
                            + " s: turn off")
                    : Html.link(view.url(view.recipient(), view.page(), 5), "turn on auto-refresh (5 s)");
        }

        private void tabs(StringBuilder html) {
            html.append("<nav class=\"tabs\">");
            counts.forEach((channel, count) -> html.append("<a class=\"tab")
                    .append(channel.equals(view.channel()) ? " selected" : "").append("\" href=\"")
                    .append(Html.escape(new View(channel, null, 1, view.refresh()).url(null, 1, view.refresh())))
                    .append("\">").append(Html.escape(channel)).append(" <span class=\"count\">").append(count)
                    .append("</span></a>"));
            html.append("</nav>\n");
        }

        private void recipients(StringBuilder html) {
            html.append("<section class=\"recipients\"><h2>Recipients (").append(selection.recipientCount())
                    .append(")</h2><ul>");
            for (Map.Entry<String, Integer> recipient : selection.recipients()) {
                html.append("<li>").append(Html.link(view.url(recipient.getKey(), 1, view.refresh()),
                                recipient.getKey())).append(" <span class=\"count\">").append(recipient.getValue())
                        .append("</span></li>");
            }
            int hidden = selection.recipientCount() - selection.recipients().size();
            html.append(hidden > 0 ? "<li>and " + hidden + " more (filter by id below)</li>" : "")
                    .append("</ul></section>\n");
        }

        private void filter(StringBuilder html) {
            html.append("<form method=\"get\" action=\"").append(PATH).append("\">")
                    .append("<input type=\"hidden\" name=\"channel\" value=\"").append(Html.escape(view.channel()))
                    .append("\"><label>recipient <input name=\"recipient\" value=\"")
                    .append(Html.escape(Objects.requireNonNullElse(view.recipient(), ""))).append("\"></label>")
                    .append(view.refresh() > 0 ? "<input type=\"hidden\" name=\"refresh\" value=\"" + view.refresh()
                            + "\">" : "")
                    .append(" <button>filter</button> ")
                    .append(view.recipient() == null ? "" : Html.link(view.url(null, 1, view.refresh()), "show all"))
                    .append("</form>\n");
        }

        private void rows(StringBuilder html) {
            long from = (long) (view.page() - 1) * PAGE_SIZE + 1;
            html.append("<p class=\"range\">").append(selection.rows().isEmpty() ? "no messages here"
                    : "messages " + from + "&ndash;" + (from + selection.rows().size() - 1) + " of "
                    + selection.matched() + ", newest first").append("</p>\n");
            html.append("<table><thead><tr><th>#</th><th>received</th><th>recipient</th><th>incident</th>"
                    + "<th>version</th><th>message id</th><th>message</th></tr></thead><tbody>\n");
            for (Map.Entry<Integer, SandboxMessage> row : selection.rows()) {
                SandboxMessage message = row.getValue();
                html.append("<tr class=\"message\"><td>").append(Html.link(MESSAGE_PATH + row.getKey(),
                                String.valueOf(row.getKey())))
                        .append("</td><td>").append(message.receivedAt().truncatedTo(ChronoUnit.MILLIS))
                        .append("</td><td>").append(Html.escape(message.recipient()))
                        .append("</td><td>").append(Html.escape(message.incidentId()))
                        .append("</td><td>").append(message.version() == null ? "" : message.version())
                        .append("</td><td><code>").append(Html.escape(message.messageId()))
                        .append("</code></td><td>").append(Html.escape(MessageView.summary(message)))
                        .append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }

        private void pager(StringBuilder html) {
            int last = Math.max(1, (selection.matched() + PAGE_SIZE - 1) / PAGE_SIZE);
            html.append("<nav class=\"pager\">");
            if (view.page() > 1) {
                html.append(Html.link(view.url(view.recipient(), Math.min(view.page() - 1, last), view.refresh()),
                        "newer")).append(' ');
            }
            html.append("page ").append(view.page()).append(" of ").append(last);
            if (view.page() < last) {
                html.append(' ').append(Html.link(view.url(view.recipient(), view.page() + 1, view.refresh()),
                        "older"));
            }
            html.append("</nav>\n");
        }
    }

    /**
     * One message rendered for its channel. A body that is not in the channel's expected shape
     * (not JSON, or missing what the channel always has) gets no rendered view; its raw body, which
     * every message page shows, says what arrived.
     */
    static final class MessageView {

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
            html.append("<p>").append(Html.link(PATH + "?channel=" + URLEncoder.encode(message.channel(), UTF_8),
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

    /** HTML escaping, the page frame and the response with its safety headers. */
    static final class Html {

        /** Pages run no script and load nothing remote; an email's HTML part may use inline styles and data images. */
        static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
                + " form-action 'self'; base-uri 'none'";
        private static final String STYLE = "body{font:14px system-ui,sans-serif;margin:1em 2em;color:#222}"
                + "header{display:flex;gap:2em;align-items:baseline}.tabs a{display:inline-block;padding:.4em .8em;"
                + "border:1px solid #ccc;border-bottom:none;margin-right:.3em;text-decoration:none}"
                + ".tabs a.selected{background:#eef;font-weight:bold}.count{color:#666;font-size:90%}"
                + ".recipients ul{display:flex;flex-wrap:wrap;gap:.3em 1.2em;list-style:none;padding:0}"
                + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em;"
                + "text-align:left;vertical-align:top}pre{white-space:pre-wrap;word-break:break-word;"
                + "background:#f6f6f6;padding:.6em}iframe{width:100%;height:30em;border:1px solid #ccc}"
                + "dt{font-weight:bold}dd{margin:0 0 .5em 1em}";

        private Html() {
        }

        /** Escapes text for element content and for double- or single-quoted attribute values; null is empty. */
        static String escape(String text) {
            if (text == null) {
                return "";
            }
            StringBuilder escaped = new StringBuilder(text.length() + 16);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '&' -> escaped.append("&amp;");
                    case '<' -> escaped.append("&lt;");
                    case '>' -> escaped.append("&gt;");
                    case '"' -> escaped.append("&quot;");
                    case '\'' -> escaped.append("&#39;");
                    default -> escaped.append(c);
                }
            }
            return escaped.toString();
        }

        static String link(String href, String text) {
            return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
        }

        static String head(String title, int refresh) {
            return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                    + "</title>" + (refresh > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refresh + "\">" : "")
                    + "<style>" + STYLE + "</style></head><body>\n";
        }

        static String error(String title, String detail) {
            return head(title, 0) + "<h1>" + escape(title) + "</h1><p>" + escape(detail) + "</p><p>"
                    + link(PATH, "back to the inbox") + "</p></body></html>\n";
        }

        static Publisher<Void> send(HttpServerResponse response, HttpResponseStatus status, String html) {
            return response.status(status)
                    .header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                    .header("content-security-policy", CONTENT_SECURITY_POLICY)
                    .header("x-content-type-options", "nosniff")
                    .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .sendByteArray(Mono.just(html.getBytes(UTF_8)));
        }
    }
}
