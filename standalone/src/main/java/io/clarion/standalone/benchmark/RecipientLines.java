package io.clarion.standalone.benchmark;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * NDJSON recipient lines {@code [from, to)} produced one line at a time as the HTTP client reads
 * them: at most one line is in memory, whatever the range.
 */
final class RecipientLines extends InputStream {
    private final IntFunction<Map<String, Object>> recipient;
    private final int to;
    private int next;
    private byte[] line = new byte[0];
    private int position;

    RecipientLines(IntFunction<Map<String, Object>> recipient, int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("range: [" + from + ", " + to + ") (expected: 0 <= from <= to)");
        }
        this.recipient = recipient;
        this.next = from;
        this.to = to;
    }

    @Override
    public int read() {
        if (!hasBytes()) {
            return -1;
        }
        return line[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!hasBytes()) {
            return -1;
        }
        int count = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, count);
        position += count;
        return count;
    }

    /** Whether bytes remain, rendering the next line when the current one is used up. */
    private boolean hasBytes() {
        while (position == line.length) {
            if (next == to) {
                return false;
            }
            line = (GatewayClient.json(recipient.apply(next++)) + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return true;
    }
}
