package io.clarion.core.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentRuleTest {
    private final RecipientProfile euEnterprise = new RecipientProfile("enterprise", "eu", "de-DE",
            List.of("api", "dashboard"), Map.of("plan", "gold"));

    @Test
    void keysAreAndedAndListValuesAreOred() {
        assertThat(rule(Map.of("tier", List.of("enterprise", "pro"), "region", List.of("eu"))).matches(euEnterprise))
                .isTrue();
        assertThat(rule(Map.of("tier", List.of("enterprise"), "region", List.of("us"))).matches(euEnterprise))
                .isFalse();
    }

    @Test
    void servicesMatchWhenTheRecipientDependsOnAnyListedService() {
        assertThat(rule(Map.of("services", List.of("billing", "api"))).matches(euEnterprise)).isTrue();
        assertThat(rule(Map.of("services", List.of("billing"))).matches(euEnterprise)).isFalse();
    }

    @Test
    void customAttributesMatchByName() {
        assertThat(rule(Map.of("attributes.plan", List.of("gold"))).matches(euEnterprise)).isTrue();
        assertThat(rule(Map.of("attributes.plan", List.of("silver"))).matches(euEnterprise)).isFalse();
        assertThat(rule(Map.of("attributes.missing", List.of("gold"))).matches(euEnterprise)).isFalse();
    }

    @Test
    void allMatchesEveryoneAndIsValidWithoutKeys() {
        assertThat(SegmentRule.validate("match", null, "all", true)).isEmpty();
        assertThat(SegmentRule.validate("match", Map.of(), "all", true)).isEmpty();
        assertThat(SegmentRule.ALL.matches(euEnterprise)).isTrue();
        assertThat(SegmentRule.ALL.matches(new RecipientProfile(null, null, null, null, null))).isTrue();
    }

    @Test
    void aRuleWithoutKeysIsRefusedUnlessItSaysAll() {
        assertThat(SegmentRule.validate("match", Map.of(), "all", false)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("match");
            assertThat(error.reason()).contains("\"all\": true");
        });
    }

    @Test
    void allWithKeysIsRefusedOnAll() {
        assertThat(SegmentRule.validate("match", Map.of("tier", List.of("pro")), "all", true))
                .extracting(e -> e.field()).containsExactly("all");
        assertThatThrownBy(() -> new SegmentRule(Map.of("tier", List.of("pro")), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRuleWithoutKeysStoredBeforeAllExistedStillMeansEveryone() {
        SegmentRule legacy = new SegmentRule(Map.of(), false);
        assertThat(legacy.all()).isTrue();
        assertThat(legacy).isEqualTo(SegmentRule.ALL);
        assertThat(new SegmentRule(Map.of("tier", List.of("pro"))).all()).isFalse();
    }

    @Test
    void validationNamesEveryBadKeyWithItsPath() {
        var errors = SegmentRule.validate("match", Map.of("colour", List.of("red"), "tier", List.of(),
                "attributes.", List.of("x")), "all", false);
        assertThat(errors).extracting(e -> e.field())
                .containsExactlyInAnyOrder("match.colour", "match.tier", "match.attributes.");
    }

    @Test
    void validationRequiresTheMatchObject() {
        assertThat(SegmentRule.validate("match", null, "all", false)).extracting(e -> e.field())
                .containsExactly("match");
    }

    private static SegmentRule rule(Map<String, List<String>> match) {
        assertThat(SegmentRule.validate("match", match, "all", false)).isEmpty();
        return new SegmentRule(match);
    }
}
