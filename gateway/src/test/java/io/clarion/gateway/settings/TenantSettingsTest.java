package io.clarion.gateway.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {

    @Test
    void aChangeKeepsTheFieldsItDoesNotName() {
        TenantSettings stored = new TenantSettings("https://status.acme.com", "de", null, 5, "secret-of-16-chars");
        TenantSettings change = new TenantSettings(null, "fr", null, null, null);

        assertThat(change.mergedOnto(stored))
                .isEqualTo(new TenantSettings("https://status.acme.com", "fr", null, 5, "secret-of-16-chars"));
        assertThat(new TenantSettings(null, null, null, null, null).mergedOnto(TenantSettings.DEFAULTS))
                .isEqualTo(TenantSettings.DEFAULTS);
    }

    @Test
    void theSecretIsNeverAnswered() {
        assertThat(new TenantSettings(null, null, null, null, "secret-of-16-chars").masked().pagerdutySecret())
                .isEqualTo("***");
        assertThat(TenantSettings.DEFAULTS.masked().pagerdutySecret()).isNull();
    }

    @Test
    void everyWrongFieldIsNamed() {
        var rules = new TenantSettings.Redaction(null, List.of(new TenantSettings.Rule("ok", "JIRA-[0-9]+", "[ref]"),
                new TenantSettings.Rule("broken", "([a-z", "x"), new TenantSettings.Rule(null, "", null)));
        var settings = new TenantSettings("ftp://status", "not a tag", rules, -1, "short");

        assertThat(settings.validate()).extracting(FieldError::field).containsExactlyInAnyOrder("statusPageUrl",
                "defaultLocale", "maxAudienceWithoutApproval", "pagerdutySecret", "redaction.rules[1].pattern",
                "redaction.rules[2].name", "redaction.rules[2].pattern", "redaction.rules[2].replacement");
        assertThat(TenantSettings.DEFAULTS.validate()).isEmpty();
    }

    @Test
    void aCatastrophicPatternIsRefusedBeforeAnyDispatcherRunsIt() {
        var rules = new TenantSettings.Redaction(null, List.of(new TenantSettings.Rule("ticket", "JIRA-[0-9]+", "[ref]"),
                new TenantSettings.Rule("nested", "((a+)+)+$", "x")));

        assertThat(new TenantSettings(null, null, rules, null, null).validate())
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("redaction.rules[1].pattern");
                    assertThat(error.reason()).contains("backtracks catastrophically");
                });
    }
}
