package io.clarion.core.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AudienceSqlTest {

    @Test
    void segmentsAreOredAndValuesAreBoundNeverSpliced() {
        var predicate = AudienceSql.compile(
                List.of(new SegmentRule(Map.of("tier", List.of("enterprise'; DROP TABLE recipients; --"))),
                        new SegmentRule(Map.of("attributes.plan", List.of("gold"), "services", List.of("api")))),
                List.of("r-1"), 2);

        assertThat(predicate.sql()).isEqualTo("((tier = ANY($2)) OR (attributes ->> $4 = ANY($3) AND "
                + "services && $5) OR id = ANY($6))");
        assertThat(predicate.sql()).doesNotContain("DROP");
        assertThat(predicate.parameters()).hasSize(5);
        assertThat(predicate.parameters().get(2)).isEqualTo("plan");
        assertThat((String[]) predicate.parameters().get(4)).containsExactly("r-1");
    }

    @Test
    void affectedServicesAddEveryRecipientDependingOnOneOfThem() {
        var predicate = AudienceSql.compile(List.of(new SegmentRule(Map.of("tier", List.of("pro")))), List.of(),
                List.of("api", "db"), 1);

        assertThat(predicate.sql()).isEqualTo("((tier = ANY($1)) OR services && $2)");
        assertThat((String[]) predicate.parameters().get(1)).containsExactly("api", "db");
    }

    @Test
    void anEmptyAudienceSelectsNobody() {
        assertThat(AudienceSql.compile(List.of(), List.of(), 1).sql()).isEqualTo("FALSE");
    }

    @Test
    void anAllRuleSelectsEveryoneWithoutParameters() {
        AudienceSql.Predicate predicate = AudienceSql.compile(List.of(SegmentRule.ALL), List.of(), 1);
        assertThat(predicate.sql()).isEqualTo("(TRUE)");
        assertThat(predicate.parameters()).isEmpty();
    }

    @Test
    void anAllRuleBesideOthersKeepsTheirParametersNumbered() {
        AudienceSql.Predicate predicate = AudienceSql.compile(List.of(SegmentRule.ALL,
                new SegmentRule(Map.of("tier", List.of("pro")))), List.of("r-1"), 3);
        assertThat(predicate.sql()).isEqualTo("(TRUE OR (tier = ANY($3)) OR id = ANY($4))");
        assertThat(predicate.parameters()).hasSize(2);
    }

    @Test
    void aRuleWithoutKeysFromBeforeAllSelectsEveryone() {
        assertThat(AudienceSql.compile(List.of(new SegmentRule(Map.of())), List.of(), 1).sql()).isEqualTo("(TRUE)");
    }

    @Test
    void outreachTiersAreTakenOutOfTheAudienceButRecipientsWithoutATierStay() {
        var predicate = AudienceSql.compile(List.of(new SegmentRule(Map.of("region", List.of("eu")))), List.of(), 2)
                .exceptTiers(List.of("enterprise"), 2);

        assertThat(predicate.sql()).isEqualTo("(((region = ANY($2))) AND (tier IS NULL OR tier <> ALL($3)))");
        assertThat((String[]) predicate.parameters().get(1)).containsExactly("enterprise");
    }

    @Test
    void onlyTiersKeepsTheOutreachPartOfTheAudience() {
        var audience = AudienceSql.compile(List.of(SegmentRule.ALL), List.of("r-1"), 1);

        assertThat(audience.onlyTiers(List.of("enterprise", "strategic"), 1).sql())
                .isEqualTo("((TRUE OR id = ANY($1)) AND tier = ANY($2))");
        assertThat(audience.onlyTiers(List.of(), 1).sql()).isEqualTo("FALSE");
        assertThat(audience.exceptTiers(List.of(), 1)).isSameAs(audience);
    }
}
