package io.clarion.devstack.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** HTML escaping, the page frame and the response with its safety headers. */
final class Html {

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
                + link(InboxPage.PATH, "back to the inbox") + "</p></body></html>\n";
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
