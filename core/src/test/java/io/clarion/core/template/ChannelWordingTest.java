package io.clarion.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.delivery.UpdateContent;
import org.junit.jupiter.api.Test;

class ChannelWordingTest {
    private static final UpdateContent UPDATE = new UpdateContent("SEV1", "identified", "API <down>",
            "Failing over.\nBack soon & stable.");

    @Test
    void withoutATemplateEachChannelHasItsBuiltInWording() {
        assertThat(ChannelWording.email("INC-1", 3, UPDATE, null)).isEqualTo(new ChannelWording.Email(
                "[SEV1] API <down> (identified)",
                "API <down>\nSeverity: SEV1 | Status: identified | Incident INC-1, update 3\n\n"
                        + "Failing over.\nBack soon & stable.\n",
                "<!DOCTYPE html><html><body><h1>API &lt;down&gt;</h1><p><strong>Severity: SEV1 | Status: identified"
                        + " | Incident INC-1, update 3</strong></p><p>Failing over.<br>\nBack soon &amp; stable.</p>"
                        + "</body></html>"));
        assertThat(ChannelWording.sms(3, UPDATE, null))
                .isEqualTo("[SEV1] API <down> (identified): Failing over.\nBack soon & stable. (v3)");
        assertThat(ChannelWording.push(UPDATE, null))
                .isEqualTo(new ChannelWording.Titled("[SEV1] API <down>", "Failing over.\nBack soon & stable."));
        assertThat(ChannelWording.webhook(UPDATE, null))
                .isEqualTo(new ChannelWording.Titled("API <down>", "Failing over.\nBack soon & stable."));
    }

    @Test
    void aTemplatesPartsReplaceTheBuiltInOnesAndThePartsItLacksStay() {
        RenderedMessage textOnly = new RenderedMessage("outage", 2, "de", null, "Ausfall <1>\nbald", null);

        ChannelWording.Email email = ChannelWording.email("INC-1", 3, UPDATE, textOnly);

        assertThat(email.subject()).isEqualTo("[SEV1] API <down> (identified)");
        assertThat(email.text()).isEqualTo("Ausfall <1>\nbald");
        assertThat(email.html()).as("the text part, escaped")
                .isEqualTo("<!DOCTYPE html><html><body><p>Ausfall &lt;1&gt;<br>\nbald</p></body></html>");
        assertThat(ChannelWording.email("INC-1", 3, UPDATE,
                new RenderedMessage("outage", 2, "de", "Betreff\nzwei", null, "<b>x</b>")))
                .isEqualTo(new ChannelWording.Email("Betreff zwei", ChannelWording.email("INC-1", 3, UPDATE, null).text(),
                        "<b>x</b>"));
        assertThat(ChannelWording.sms(3, UPDATE, textOnly)).isEqualTo("Ausfall <1>\nbald");
        assertThat(ChannelWording.push(UPDATE, new RenderedMessage("outage", 2, "de", "Titel", null, null)))
                .isEqualTo(new ChannelWording.Titled("Titel", "Failing over.\nBack soon & stable."));
        assertThat(ChannelWording.webhook(UPDATE, new RenderedMessage("outage", 2, "de", null, "Text", null)))
                .isEqualTo(new ChannelWording.Titled("API <down>", "Text"));
    }

    @Test
    void partsNameEachChannelsPartsAsPreviewsShowThem() {
        assertThat(ChannelWording.parts(Channel.EMAIL, "INC-1", 3, UPDATE, null)).containsOnlyKeys("subject", "text", "html");
        assertThat(ChannelWording.parts(Channel.SMS, "INC-1", 3, UPDATE, null))
                .containsExactlyEntriesOf(java.util.Map.of("text", ChannelWording.sms(3, UPDATE, null)));
        assertThat(ChannelWording.parts(Channel.PUSH, "INC-1", 3, UPDATE, null))
                .containsEntry("title", "[SEV1] API <down>").containsOnlyKeys("title", "body");
        assertThat(ChannelWording.parts(Channel.WEBHOOK, "INC-1", 3, UPDATE, null))
                .containsEntry("title", "API <down>").containsOnlyKeys("title", "body");
    }

    @Test
    void oneLineJoinsRunsOfLineBreaksAndTabsWithOneSpaceAndStrips() {
        assertThat(ChannelWording.oneLine("  plain value  ")).isEqualTo("plain value");
        assertThat(ChannelWording.oneLine("a\r\nb\tc\n\n\td")).isEqualTo("a b c d");
        assertThat(ChannelWording.oneLine("\nInjected: header\r\n")).isEqualTo("Injected: header");
        assertThat(ChannelWording.oneLine("")).isEmpty();
    }
}
