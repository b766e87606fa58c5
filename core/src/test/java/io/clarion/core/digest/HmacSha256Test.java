package io.clarion.core.digest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** RFC 4231's test vectors, computed again on one thread with other keys in between, and on many threads at once. */
class HmacSha256Test {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 4231 test case 2. */
    private static final String JEFE = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    /** RFC 4231 test case 1: key twenty 0x0b bytes, data "Hi There". */
    private static final String HI_THERE = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";

    @Test
    void matchesRfc4231WhateverKeyTheThreadUsedBefore() {
        assertThat(HEX.formatHex(HmacSha256.of("Jefe".getBytes(UTF_8), "what do ya want for nothing?"))).isEqualTo(JEFE);
        assertThat(HEX.formatHex(HmacSha256.of(elevens(), "Hi There".getBytes(UTF_8)))).isEqualTo(HI_THERE);
        assertThat(HEX.formatHex(HmacSha256.of("Jefe".getBytes(UTF_8), "what do ya want for nothing?"))).isEqualTo(JEFE);
    }

    @Test
    void anEmptyKeyIsRefusedAndTheNextCallIsUnaffected() {
        assertThatThrownBy(() -> HmacSha256.of(new byte[0], "x")).isInstanceOf(IllegalArgumentException.class);

        assertThat(HEX.formatHex(HmacSha256.of("Jefe".getBytes(UTF_8), "what do ya want for nothing?"))).isEqualTo(JEFE);
    }

    @Test
    void threadsSigningAtOnceEachGetTheirOwnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 64).<Callable<Boolean>>mapToObj(i -> () -> {
                for (int n = 0; n < 500; n++) {
                    boolean jefe = (i + n) % 2 == 0;
                    String answer = jefe
                            ? HEX.formatHex(HmacSha256.of("Jefe".getBytes(UTF_8), "what do ya want for nothing?"))
                            : HEX.formatHex(HmacSha256.of(elevens(), "Hi There"));
                    if (!answer.equals(jefe ? JEFE : HI_THERE)) {
                        return false;
                    }
                }
                return true;
            }).toList();
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] elevens() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        return key;
    }
}
