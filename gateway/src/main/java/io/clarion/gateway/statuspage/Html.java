package io.clarion.gateway.statuspage;

/** Escaping of text for HTML and XML bodies and attribute values (both quoted with {@code "}). */
final class Html {
    private Html() {
    }

    static String escape(String text) {
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
                default -> out.append(isXmlChar(c) ? c : '\uFFFD');
            }
        }
        return out.toString();
    }

    /** Control characters other than tab and line breaks are not allowed in XML 1.0 (the Atom feed). */
    private static boolean isXmlChar(char c) {
        return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
    }
}
