package io.clarion.core.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEscapeTest {

    @Test
    void markupAndQuotesBecomeEntitiesAndForbiddenControlsAreReplaced() {
        assertThat(HtmlEscape.escape("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(HtmlEscape.escape("a\u0007b\tc\nd")).isEqualTo("a\uFFFDb\tc\nd");
        assertThat(HtmlEscape.escape(null)).isEmpty();
    }
}
