package io.clarion.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = Redactor.builtIn();

    @Test
    void ipv4AndIpv6AddressesAreRedacted() {
        assertThat(redactor.redact("primary 10.0.3.7 and 192.168.1.254 down", null))
                .isEqualTo("primary [ip] and [ip] down");
        assertThat(redactor.redact("v6 fe80::1ff:fe23:4567:890a and 2001:db8:0:0:0:0:2:1 and ::1", null))
                .isEqualTo("v6 [ip] and [ip] and [ip]");
    }

    @Test
    void timesVersionsAndNumbersAreKept() {
        String text = "ETA 14:00 UTC, at 14:05:30 we shipped 2.3.1 (build 1.2.3.4.5 is not an address); 99.9% up";
        assertThat(redactor.redact(text, null)).isEqualTo(text);
    }

    @Test
    void internalHostNamesAreRedactedPublicOnesKept() {
        assertThat(redactor.redact("db-7.prod.internal, ci.corp, printer.lan, mac.local failed; see status.acme.com",
                null)).isEqualTo("[host], [host], [host], [host] failed; see status.acme.com");
        assertThat(redactor.redact("the local team and the internal review", null))
                .isEqualTo("the local team and the internal review");
    }

    @Test
    void awsKeysBearerTokensAndUrlCredentialsAreRedacted() {
        assertThat(redactor.redact("key AKIAIOSFODNN7EXAMPLE leaked", null)).isEqualTo("key [aws-key] leaked");
        assertThat(redactor.redact("Authorization: Bearer eyJhbGciOi.J9.abc-_= sent", null))
                .isEqualTo("Authorization: Bearer [token] sent");
        assertThat(redactor.redact("try https://admin:s3cret@api.acme.com/x and ftp://bob@files.acme.com", null))
                .isEqualTo("try https://[credentials]@api.acme.com/x and ftp://[credentials]@files.acme.com");
    }

    @Test
    void emailAddressesOtherThanTheRecipientsOwnAreRedacted() {
        String text = "reported by Jane.Doe@Customer.com, cc ops@other-customer.io";
        assertThat(redactor.redact(text, "jane.doe@customer.com"))
                .isEqualTo("reported by Jane.Doe@Customer.com, cc [email]");
        assertThat(redactor.redact(text, null)).isEqualTo("reported by [email], cc [email]");
    }

    @Test
    void anAddressThatOnlyContainsTheRecipientsOwnIsRedacted() {
        String text = "escalated to ops-jane.doe@customer.com and jane.doe@customer.com.au";
        assertThat(redactor.redact(text, "jane.doe@customer.com")).isEqualTo("escalated to [email] and [email]");
        assertThat(redactor.redact(text, "Jane.Doe@customer.com.AU"))
                .isEqualTo("escalated to [email] and jane.doe@customer.com.au");
    }

    @Test
    void tenantRulesApplyAfterTheBuiltInOnesWithLiteralReplacements() {
        Redactor tenant = new Redactor(List.of(RedactionRule.of("ticket", "JIRA-[0-9]+", "[ref $1]")), 1_000_000);
        assertThat(tenant.redact("see JIRA-4711 on 10.0.0.1", null)).isEqualTo("see [ref $1] on [ip]");
    }

    @Test
    void aCatastrophicPatternIsInterruptedByTheStepBound() {
        Redactor tenant = new Redactor(List.of(RedactionRule.of("bad", "((a+)+)+$", "x")), 100_000);
        assertThatThrownBy(() -> tenant.redact("a".repeat(40) + "!", null))
                .isInstanceOf(RedactionOverrunException.class).hasMessageContaining("((a+)+)+$");
    }

    @Test
    void boundedMatchingCountsReadsNotTime() {
        Pattern pattern = Pattern.compile("(.*a){25}");
        assertThatThrownBy(() -> BoundedMatching.find(pattern, "a".repeat(24) + "!", 10_000))
                .isInstanceOf(RedactionOverrunException.class);
        assertThat(BoundedMatching.find(Pattern.compile("JIRA-[0-9]+"), "x JIRA-1", 100)).isTrue();
    }

    @Test
    void redactorsWithTheSameRulesAreEqual() {
        Redactor first = Redactor.of(true, List.of(RedactionRule.of("ticket", "JIRA-[0-9]+", "[ref]")), 1_000);
        Redactor again = Redactor.of(true, List.of(RedactionRule.of("ticket", "JIRA-[0-9]+", "[ref]")), 1_000);

        assertThat(again).isEqualTo(first).hasSameHashCodeAs(first);
        assertThat(Redactor.of(true, List.of(RedactionRule.of("ticket", "JIRA-[0-9]{2,}", "[ref]")), 1_000))
                .isNotEqualTo(first);
        assertThat(Redactor.of(false, List.of(RedactionRule.of("ticket", "JIRA-[0-9]+", "[ref]")), 1_000))
                .isNotEqualTo(first);
        assertThat(Redactor.of(true, List.of(RedactionRule.of("ticket", "JIRA-[0-9]+", "[ref]")), 2_000))
                .isNotEqualTo(first);
    }
}
