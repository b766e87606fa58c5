package io.clarion.core.audience;

import static org.assertj.core.api.Assertions.assertThat;

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
    void emptyRuleMatchesEveryone() {
        assertThat(rule(Map.of()).matches(euEnterprise)).isTrue();
    }

    @Test
    void validationNamesEveryBadKeyWithItsPath() {
        var errors = SegmentRule.validate("match", Map.of("colour", List.of("red"), "tier", List.of(),
                "attributes.", List.of("x")));
        assertThat(errors).extracting(e -> e.field())
                .containsExactlyInAnyOrder("match.colour", "match.tier", "match.attributes.");
    }

    @Test
    void validationRequiresTheMatchObject() {
        assertThat(SegmentRule.validate("match", null)).extracting(e -> e.field()).containsExactly("match");
    }

    private static SegmentRule rule(Map<String, List<String>> match) {
        assertThat(SegmentRule.validate("match", match)).isEmpty();
        return new SegmentRule(match);
    }
}
