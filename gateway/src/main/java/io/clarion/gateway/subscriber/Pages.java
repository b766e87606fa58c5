package io.clarion.gateway.subscriber;

import io.clarion.core.html.HtmlEscape;
/**
 * The small server-rendered pages of subscribing: the sign-up form, "check your inbox", confirmed, unsubscribe
 * (a button that POSTs, so a link scanner following the email's link unsubscribes nobody) and unsubscribed. They
 * work without JavaScript, scale to a phone, and escape everything they show.
 */
final class Pages {
    private static final String STYLE = """
            body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f7fa;color:#1f2933}
            main{max-width:32rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
            h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin:1rem 0 .3rem}
            input[type=email],input[type=text]{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #9aa5b1;border-radius:6px;font:inherit}
            button{margin-top:1.2rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#2563eb;color:#fff;font:inherit;cursor:pointer}
            .hint{color:#52606d;font-size:.9rem}""";

    private Pages() {
    }

    static String subscribeForm(String tenant, String tenantName) {
        String action = "/status/" + escape(tenant) + "/subscribers";
        return page("Subscribe to " + tenantName + " status updates", "<form method=\"post\" action=\"" + action
                + "\"><label for=\"email\">Email address</label>"
                + "<input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\">"
                + "<label for=\"components\">Components <span class=\"hint\">(optional, comma-separated; "
                + "empty for all)</span></label><input id=\"components\" name=\"components\" type=\"text\">"
                + "<button type=\"submit\" id=\"subscribe\">Subscribe</button></form>"
                + "<p class=\"hint\">We will email you a link to confirm. Nothing is sent before you do.</p>");
    }

    static String checkInbox() {
        return page("Check your inbox", "<p id=\"result\">If the address can receive our updates, a confirmation "
                + "email is on its way. Follow its link to start receiving updates.</p>");
    }

    static String confirmed() {
        return page("Subscription confirmed", "<p id=\"result\">You will now receive status updates by email. "
                + "Every email has a link to unsubscribe.</p>");
    }

    static String invalidLink() {
        return page("This link does not work", "<p id=\"result\">The link is invalid, was already used, or expired. "
                + "You can sign up again.</p>");
    }

    static String unsubscribeForm(String tenant, String token) {
        String action = "/status/" + escape(tenant) + "/subscribers/unsubscribe?token=" + escape(urlEncode(token));
        return page("Unsubscribe", "<form method=\"post\" action=\"" + action + "\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<p>Stop receiving status updates by email?</p>"
                + "<button type=\"submit\" id=\"unsubscribe\">Unsubscribe</button></form>");
    }

    static String unsubscribed() {
        return page("Unsubscribed", "<p id=\"result\">You are unsubscribed and will receive no more status updates.</p>");
    }

    static String tooMany(long seconds) {
        return page("Too many sign-ups", "<p id=\"result\">Too many sign-ups from your address. Try again in "
                + seconds + " seconds.</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + escape(title) + "</title><style>" + STYLE
                + "</style></head><body><main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>";
    }

    private static String urlEncode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Escapes the five characters that matter in HTML text and attribute values. */
    static String escape(String value) {
        return HtmlEscape.escape(value);
    }
}
