package io.clarion.core.html;

/**
 * Escapes text for HTML and XML bodies and for attribute values quoted with {@code "} or {@code '}: the five
 * characters that matter become entities, and control characters XML 1.0 forbids (all below U+0020 but tab and
 * line breaks) become U+FFFD, so the same text is safe in a page, an email's HTML part and an Atom feed.
 * {@code null} is the empty string.
 */
public final class HtmlEscape {
    private HtmlEscape() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c >= 0x20 || c == '\t' || c == '\n' || c == '\r' ? c : '\uFFFD');
            }
        }
        return out.toString();
    }
}
