package io.clarion.gateway.recipient;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Splits a streamed body into its lines, as bytes, numbered from 1. A line is held in memory only up
 * to {@code maxLineBytes}: a longer one is dropped as it streams past and stands in the output as one
 * {@link Line#tooLong()} line, so it costs its own line and nothing else. Lines end at {@code \n}; the
 * last one needs none.
 */
final class NdjsonLines {
    private NdjsonLines() {
    }

    /** One line: its bytes without the {@code \n}, or none when it was longer than the limit. */
    record Line(long number, byte[] bytes) {
        boolean tooLong() {
            return bytes == null;
        }
    }

    static Flux<Line> split(Flux<DataBuffer> body, int maxLineBytes) {
        return Flux.defer(() -> {
            Splitter splitter = new Splitter(maxLineBytes);
            return body.concatMapIterable(splitter::feed)
                    .concatWith(Mono.fromSupplier(splitter::finish))
                    .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        });
    }

    /** The state of one split: the line so far (at most the limit), confined to one subscription. */
    private static final class Splitter {
        private final int maxLineBytes;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private boolean overLimit;
        private boolean pending;
        private long number;

        Splitter(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
        }

        List<Line> feed(DataBuffer buffer) {
            byte[] chunk = new byte[buffer.readableByteCount()];
            buffer.read(chunk);
            DataBufferUtils.release(buffer);
            List<Line> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    append(chunk, start, i - start);
                    lines.add(endLine());
                    start = i + 1;
                }
            }
            append(chunk, start, chunk.length - start);
            return lines;
        }

        /** The last line when the body does not end with a newline; null (nothing) when it does. */
        Line finish() {
            return pending ? endLine() : null;
        }

        private void append(byte[] chunk, int from, int length) {
            pending |= length > 0;
            if (overLimit || length == 0) {
                return;
            }
            if (current.size() + length > maxLineBytes) {
                overLimit = true;
                current.reset();
                return;
            }
            current.write(chunk, from, length);
        }

        private Line endLine() {
            Line line = new Line(++number, overLimit ? null : current.toByteArray());
            current.reset();
            overLimit = false;
            pending = false;
            return line;
        }
    }
}
