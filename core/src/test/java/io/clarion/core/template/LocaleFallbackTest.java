package io.clarion.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocaleFallbackTest {
    private static final List<String> AVAILABLE = List.of("en", "de", "fr");

    @Test
    void exactThenLanguageThenTenantDefaultThenEnglish() {
        assertThat(LocaleFallback.chain("de-CH", "fr")).containsExactly("de-ch", "de", "fr", "en");
        assertThat(LocaleFallback.chain(null, null)).containsExactly("en");
        assertThat(LocaleFallback.chain("en_GB", "en")).containsExactly("en-gb", "en");
    }

    @Test
    void eachRecipientGetsTheClosestAvailableLocale() {
        assertThat(LocaleFallback.choose(AVAILABLE, "de-CH", "en")).contains("de");
        assertThat(LocaleFallback.choose(AVAILABLE, "fr-FR", "en")).contains("fr");
        assertThat(LocaleFallback.choose(AVAILABLE, "es", "fr")).as("tenant default before en").contains("fr");
        assertThat(LocaleFallback.choose(AVAILABLE, null, null)).contains("en");
        assertThat(LocaleFallback.choose(List.of("de-CH", "de"), "DE-ch", null)).contains("de-CH");
        assertThat(LocaleFallback.choose(List.of("ja"), "de", "fr")).isEmpty();
    }
}
