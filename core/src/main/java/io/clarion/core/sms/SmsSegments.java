package io.clarion.core.sms;

import static java.util.Objects.requireNonNull;

/**
 * How an SMS text travels: its encoding, its length in encoding units, and how many message segments
 * (billed parts) it takes. Pure; the same answer a GSM network and Twilio's segment count give.
 * <ul>
 *   <li>GSM-7 when every character is in the GSM 03.38 basic set or its extension table; an extension
 *       character ({@code € [ ] { } \ ^ ~ |} and form feed) costs 2 septets (escape + character). One segment
 *       holds 160 septets; a concatenated message 153 per segment, and an escape pair is never split across
 *       two segments.</li>
 *   <li>UCS-2 otherwise, counted in UTF-16 units (a character outside the BMP, such as most emoji, costs 2).
 *       One segment holds 70 units; a concatenated message 67 per segment, and a surrogate pair is never split.</li>
 * </ul>
 * An empty text is one GSM-7 segment: a message always occupies at least one.
 *
 * @param encoding the encoding the text is sent in
 * @param units    septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments message segments, at least 1
 */
public record SmsSegments(Encoding encoding, int units, int segments) {
    /** The two SMS data codings a text can be sent in. */
    public enum Encoding { GSM_7, UCS_2 }

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    public SmsSegments {
        requireNonNull(encoding, "encoding");
        if (segments < 1) {
            throw new IllegalArgumentException("segments: " + segments + " (expected: > 0)");
        }
    }

    /** Counts {@code text}. */
    public static SmsSegments of(CharSequence text) {
        requireNonNull(text, "text");
        return isGsm7(text) ? gsm7(text) : ucs2(text);
    }

    private static boolean isGsm7(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static SmsSegments gsm7(CharSequence text) {
        int[] costs = new int[text.length()];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return count(Encoding.GSM_7, costs, 160, 153);
    }

    private static SmsSegments ucs2(CharSequence text) {
        int[] costs = text.codePoints().map(Character::charCount).toArray();
        return count(Encoding.UCS_2, costs, 70, 67);
    }

    /** Packs indivisible characters of the given costs into segments; a character never straddles two. */
    private static SmsSegments count(Encoding encoding, int[] costs, int single, int perPart) {
        int units = 0;
        for (int cost : costs) {
            units += cost;
        }
        if (units <= single) {
            return new SmsSegments(encoding, units, 1);
        }
        int segments = 1;
        int used = 0;
        for (int cost : costs) {
            if (used + cost > perPart) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new SmsSegments(encoding, units, segments);
    }
}
