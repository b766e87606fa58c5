package io.clarion.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactedTextsTest {
    private static final String TEXT = "Reported by Jane.Doe@Customer.com (cc ops@other-customer.io) on 10.0.3.7, JIRA-12";

    private final RedactedTexts texts = new RedactedTexts(16);

    @Test
    void aRecipientWhoseOwnAddressIsInTheTextKeepsItOthersShareOneRedaction() {
        Redactor redactor = tenant("[ref]");

        String bob = texts.redact(redactor, TEXT, "bob@customer.com");
        String jane = texts.redact(redactor, TEXT, "jane.doe@customer.com");
        String carol = texts.redact(redactor, TEXT, "carol@customer.com");

        assertThat(jane).isEqualTo("Reported by Jane.Doe@Customer.com (cc [email]) on [ip], [ref]")
                .isEqualTo(redactor.redact(TEXT, "jane.doe@customer.com"));
        assertThat(bob).isEqualTo("Reported by [email] (cc [email]) on [ip], [ref]")
                .isEqualTo(redactor.redact(TEXT, "bob@customer.com"));
        assertThat(carol).as("shared, not redacted again").isSameAs(bob);
        assertThat(texts.size()).isEqualTo(1);
    }

    @Test
    void theRecipientWhoseAddressItIsMayComeFirst() {
        Redactor redactor = tenant("[ref]");

        String jane = texts.redact(redactor, TEXT, "JANE.DOE@customer.COM");
        String unknown = texts.redact(redactor, TEXT, null);

        assertThat(jane).isEqualTo("Reported by Jane.Doe@Customer.com (cc [email]) on [ip], [ref]");
        assertThat(unknown).isEqualTo("Reported by [email] (cc [email]) on [ip], [ref]");
    }

    @Test
    void anAddressMadeByATenantRuleIsKeptForItsOwner() {
        Redactor redactor = new Redactor(List.of(RedactionRule.of("desk", "DESK", "help@acme.com")), 100_000);

        assertThat(texts.redact(redactor, "write to DESK", "someone@else.com")).isEqualTo("write to [email]");
        assertThat(texts.redact(redactor, "write to DESK", "help@acme.com")).isEqualTo("write to help@acme.com");
    }

    @Test
    void rulesReadAgainUnchangedShareWhatWasRedactedAChangedRuleDoesNot() {
        String before = texts.redact(tenant("[ref]"), TEXT, null);

        String unchanged = texts.redact(tenant("[ref]"), TEXT, null);
        String changed = texts.redact(tenant("[ticket]"), TEXT, null);

        assertThat(unchanged).isSameAs(before);
        assertThat(changed).isEqualTo("Reported by [email] (cc [email]) on [ip], [ticket]");
        assertThat(texts.size()).isEqualTo(2);
    }

    @Test
    void withTheBuiltInRulesOffAddressesStay() {
        Redactor redactor = Redactor.of(false, List.of(RedactionRule.of("ticket", "JIRA-[0-9]+", "[ref]")), 100_000);

        assertThat(texts.redact(redactor, TEXT, "bob@customer.com"))
                .isEqualTo("Reported by Jane.Doe@Customer.com (cc ops@other-customer.io) on 10.0.3.7, [ref]");
    }

    @Test
    void keptTextsAreBoundedAndAnOverrunKeepsNothing() {
        RedactedTexts two = new RedactedTexts(2);
        Redactor builtIn = Redactor.builtIn();
        for (String text : List.of("a 10.0.0.1", "b 10.0.0.2", "c 10.0.0.3")) {
            two.redact(builtIn, text, null);
        }
        Redactor catastrophic = new Redactor(List.of(RedactionRule.of("bad", "((a+)+)+$", "x")), 100_000);

        assertThatThrownBy(() -> two.redact(catastrophic, "a".repeat(40) + "!", null))
                .isInstanceOf(RedactionOverrunException.class);
        assertThat(two.size()).isEqualTo(2);
        assertThat(two.redact(builtIn, null, null)).isNull();
        assertThat(two.redact(builtIn, "", null)).isEmpty();
    }

    private static Redactor tenant(String ticketReplacement) {
        return new Redactor(List.of(RedactionRule.of("ticket", "JIRA-[0-9]+", ticketReplacement)), 100_000);
    }
}
