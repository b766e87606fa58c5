package io.clarion.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternSafetyTest {

    @Test
    void ordinaryPatternsAreAccepted() {
        assertThat(PatternSafety.problem("JIRA-[0-9]+")).isEmpty();
        assertThat(PatternSafety.problem("(?i)customer-[a-z]{3}\\d{4}")).isEmpty();
        assertThat(PatternSafety.problem("\\b[A-Z]{2,5}-\\d+\\b")).isEmpty();
    }

    @Test
    void invalidPatternsAreRefusedWithTheReason() {
        assertThat(PatternSafety.problem("JIRA-[0-9")).get().asString().startsWith("is not a regular expression");
    }

    @Test
    void catastrophicPatternsAreRefused() {
        assertThat(PatternSafety.problem("((a+)+)+$")).get().asString().contains("backtracks catastrophically");
        assertThat(PatternSafety.problem("(.*a){25}")).isPresent();
        assertThat(PatternSafety.problem("(x+)+\\1$")).isPresent();
    }
}
