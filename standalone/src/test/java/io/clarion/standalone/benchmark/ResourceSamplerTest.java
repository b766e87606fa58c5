package io.clarion.standalone.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's reading of a thread's CPU time from {@code /proc}. */
class ResourceSamplerTest {
    @Test
    void aThreadsCpuTicksAreItsUserAndSystemTimeCountedAfterItsNameEvenOneWithSpacesAndParentheses() {
        String compiler = "4242 (C2 CompilerThre) S 4200 4200 4200 0 -1 4194368 1822 0 0 0 3071 512 0 0 20 0 43 0 "
                + "1234 0 0 18446744073709551615 0 0 0 0 0 0 0 4 0 0 0 0 0 0 0 0 0 0 0";
        String odd = "4243 (a (b) c) R 4200 4200 4200 0 -1 4194368 1822 0 0 0 7 5 0 0 20 0 43 0 1234";

        assertThat(ResourceSampler.cpuTicks(compiler)).isEqualTo(3071 + 512);
        assertThat(ResourceSampler.cpuTicks(odd)).isEqualTo(12);
    }
}
