package io.clarion.deploy.docs;

/**
 * Javadoc text as the configuration processor copies it into the metadata ({@code {@code x}}, {@code {@link X#y}})
 * turned into Markdown for one table cell: inline tags become code spans, and the characters a table or HTML
 * would take for their own ({@code |}, {@code <} outside code) are escaped.
 */
final class Javadoc {
    private Javadoc() {
    }

    static String toMarkdown(String javadoc) {
        if (javadoc == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < javadoc.length()) {
            int tag = nextInlineTag(javadoc, i);
            if (tag < 0) {
                out.append(plain(javadoc.substring(i)));
                break;
            }
            out.append(plain(javadoc.substring(i, tag)));
            int end = closingBrace(javadoc, tag);
            String body = javadoc.substring(javadoc.indexOf(' ', tag) + 1, end).trim();
            if (javadoc.startsWith("{@link", tag)) {
                body = body.replaceFirst("^#", "").replace('#', '.');
            }
            out.append(code(body));
            i = end + 1;
        }
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    private static int nextInlineTag(String text, int from) {
        int code = text.indexOf("{@code ", from);
        int link = text.indexOf("{@link ", from);
        if (code < 0 || link < 0) {
            return Math.max(code, link);
        }
        return Math.min(code, link);
    }

    /** The brace that closes the tag opened at {@code start}, counting the braces inside it. */
    private static int closingBrace(String text, int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed inline tag at " + start + " of: " + text);
    }

    private static String code(String body) {
        String fence = body.contains("`") ? "``" : "`";
        return fence + body.replace("|", "\\|") + fence;
    }

    private static String plain(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }
}
