package io.clarion.gateway.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

class NdjsonLinesTest {
    private static final DefaultDataBufferFactory BUFFERS = new DefaultDataBufferFactory();

    @Test
    void linesAreSplitAcrossChunksAndNumbered() {
        assertThat(split(10, "a\nbc", "d\n\n", "ef")).containsExactly("1:a", "2:bcd", "3:", "4:ef");
    }

    @Test
    void aBodyEndingInANewlineHasNoExtraLine() {
        assertThat(split(10, "a\n", "b\n")).containsExactly("1:a", "2:b");
    }

    @Test
    void aLineOverTheLimitIsOneTooLongLineAndTheOthersAreKept() {
        assertThat(split(4, "ok\n12345", "6789\nfine\n", "xxxxx")).containsExactly("1:ok", "2:too long", "3:fine",
                "4:too long");
        assertThat(split(4, "1234\n")).as("exactly the limit is fine").containsExactly("1:1234");
    }

    @Test
    void aTooLongLineSpanningManyChunksIsStillOneLine() {
        assertThat(split(3, "ab", "cd", "ef", "gh\nij")).containsExactly("1:too long", "2:ij");
    }

    private static List<String> split(int limit, String... chunks) {
        Flux<DataBuffer> body = Flux.fromArray(chunks)
                .map(chunk -> BUFFERS.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
        return NdjsonLines.split(body, limit)
                .map(line -> line.number() + ":" + (line.tooLong() ? "too long"
                        : new String(line.bytes(), StandardCharsets.UTF_8)))
                .collectList().block();
    }
}
