package io.clarion.gateway.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding that refuses what is not well-formed UTF-8 (stray continuation bytes, overlong forms,
 * surrogates, truncated sequences), where {@code new String(bytes, UTF_8)} would quietly store U+FFFD.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** The text of {@code bytes}, or null when they are not well-formed UTF-8. */
    static String decodeOrNull(byte[] bytes) {
        CharBuffer out = CharBuffer.allocate(bytes.length);
        return decode(bytes, out) < 0 ? out.flip().toString() : null;
    }

    /** The offset of the first byte that is not well-formed UTF-8, or -1 when all are. */
    static int malformedAt(byte[] bytes) {
        return decode(bytes, CharBuffer.allocate(bytes.length));
    }

    /** UTF-8 never needs more chars than bytes, so {@code out} of {@code bytes.length} never overflows. */
    private static int decode(byte[] bytes, CharBuffer out) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        return result.isError() ? in.position() : -1;
    }
}
