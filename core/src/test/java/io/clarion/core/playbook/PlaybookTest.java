package io.clarion.core.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.broadcast.Approval;
import io.clarion.core.broadcast.Outreach;
import io.clarion.core.validation.FieldError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaybookTest {
    private static final Playbook.Audience EVERYONE = new Playbook.Audience(List.of("all"), null);

    private static Playbook playbook(String name, List<String> severities, List<String> tags) {
        return new Playbook(name, new Playbook.Match(severities, tags), List.of("email"), EVERYONE, null);
    }

    private static Optional<String> chosen(List<Playbook> playbooks, String severity, List<String> tags) {
        return Playbook.mostSpecific(playbooks, severity, tags).map(Playbook::name);
    }

    @Test
    void theMatchWithMoreKeysWinsWhateverTheOrder() {
        var bySeverity = playbook("a-sev1", List.of("SEV1"), null);
        var bySeverityAndTag = playbook("z-sev1-security", List.of("SEV1", "SEV2"), List.of("security"));
        var catchAll = playbook("0-everything", null, null);
        assertThat(chosen(List.of(bySeverity, bySeverityAndTag, catchAll), "SEV1", List.of("security", "db")))
                .hasValue("z-sev1-security");
        assertThat(chosen(List.of(catchAll, bySeverityAndTag, bySeverity), "SEV1", List.of("db"))).hasValue("a-sev1");
        assertThat(chosen(List.of(bySeverityAndTag, bySeverity, catchAll), "SEV3", List.of())).hasValue("0-everything");
    }

    @Test
    void equallySpecificMatchesAreDecidedByName() {
        var b = playbook("b", List.of("SEV2"), null);
        var a = playbook("a", null, List.of("network"));
        assertThat(chosen(List.of(b, a), "SEV2", List.of("network"))).hasValue("a");
    }

    @Test
    void noMatchIsNoPlaybook() {
        assertThat(chosen(List.of(playbook("sev1", List.of("SEV1"), List.of("security"))), "SEV1", List.of("db")))
                .isEmpty();
        assertThat(chosen(List.of(), "SEV1", List.of())).isEmpty();
    }

    @Test
    void refusesUnknownSeveritiesAndChannelsAnEmptyAudienceAndABadAutoRelease() {
        var bad = new Playbook("p", new Playbook.Match(List.of("SEV9"), null), List.of("fax"),
                new Playbook.Audience(List.of(), false), new Approval(true, "soon"));
        assertThat(bad.validate()).extracting(FieldError::field).containsExactlyInAnyOrder("match.severities[0]",
                "channels[0]", "audience", "approval.autoReleaseAfter");
        var good = new Playbook("p", null, List.of("sms"), new Playbook.Audience(null, true), new Approval(true, "PT10M"));
        assertThat(good.validate()).isEmpty();
    }

    @Test
    void outreachNeedsDistinctTiersAndAnIdentifierAsOwnerAttribute() {
        var audience = new Playbook.Audience(List.of("all"), null);
        var bad = new Playbook("p", null, List.of("email"), audience, null,
                new Outreach(List.of("enterprise", "enterprise", " "), "account owner"));
        assertThat(bad.validate()).extracting(FieldError::field).containsExactlyInAnyOrder("outreach.tiers[1]",
                "outreach.tiers[2]", "outreach.ownerAttribute");
        var none = new Playbook("p", null, List.of("email"), audience, null, new Outreach(List.of(), null));
        assertThat(none.validate()).extracting(FieldError::field).containsExactly("outreach.tiers");
        var good = new Outreach(List.of("enterprise"), null);
        assertThat(new Playbook("p", null, List.of("email"), audience, null, good).validate()).isEmpty();
        assertThat(good.ownerAttributeOrDefault()).isEqualTo("accountOwner");
    }
}
