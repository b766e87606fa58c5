package io.clarion.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {
    private static final Map<String, Object> CONTEXT = Map.of(
            "incident", Map.of("id", "INC-1", "title", "Payments <script>alert(1)</script>"),
            "variables", Map.of("eta", "14:00 UTC"));

    @Test
    void textPartsKeepVariablesAsTheyAreAndHtmlPartsEscapeThem() {
        String source = "{{incident.title}} until {{variables.eta}}";

        assertThat(MessageTemplate.compile(source, false).render(CONTEXT))
                .isEqualTo("Payments <script>alert(1)</script> until 14:00 UTC");
        assertThat(MessageTemplate.compile(source, true).render(CONTEXT))
                .isEqualTo("Payments &lt;script&gt;alert(1)&lt;/script&gt; until 14:00 UTC");
        assertThat(MessageTemplate.compile("<a href=\"{{statusUrl}}\">", true).render(Map.of("statusUrl",
                "https://s.example/?a=1&b=\"2\"'"))).isEqualTo("<a href=\"https://s.example/?a=1&amp;b=&quot;2&quot;&#39;\">");
    }

    @Test
    void aMissingNameFailsTheRenderInsteadOfRenderingEmpty() {
        assertThatThrownBy(() -> MessageTemplate.compile("ETA {{variables.when}}", false).render(CONTEXT))
                .isInstanceOf(TemplateException.class).hasMessageContaining("variables.when");
    }

    @Test
    void aTemplateCannotReachJavaMethodsOfItsValues() {
        assertThatThrownBy(() -> MessageTemplate.compile("{{incident.title.bytes}}{{incident.class}}", false)
                .render(CONTEXT)).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> MessageTemplate.compile("{{incident.title.length}}", false).render(CONTEXT))
                .isInstanceOf(TemplateException.class);
    }

    @Test
    void namesListsEveryVariableAndSectionUsed() {
        var template = MessageTemplate.compile("{{incident.id}} {{#variables.eta}}ETA {{variables.eta}}{{/variables.eta}}"
                + "{{^statusUrl}}no link{{/statusUrl}}", false);

        assertThat(template.names()).containsExactly("incident.id", "statusUrl", "variables.eta");
    }

    @Test
    void partialsAndBrokenTemplatesAreRefused() {
        assertThatThrownBy(() -> MessageTemplate.compile("{{> other}}", false)).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> MessageTemplate.compile("{{#open}} never closed", false))
                .isInstanceOf(TemplateException.class);
    }
}
