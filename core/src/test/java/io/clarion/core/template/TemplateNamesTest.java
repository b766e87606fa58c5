package io.clarion.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateNamesTest {

    @Test
    void everyMissingUpdateVariableIsListedSorted() {
        var used = List.of("incident.title", "variables.eta", "variables.region", "variables.ticket");

        assertThat(TemplateNames.missingVariables(used, Map.of("region", "EU"))).containsExactly("eta", "ticket");
        assertThat(TemplateNames.missingVariables(used, null)).containsExactly("eta", "region", "ticket");
        assertThat(TemplateNames.missingVariables(used, Map.of("eta", "", "region", "", "ticket", ""))).isEmpty();
    }

    @Test
    void namesOutsideTheContractAreUnknown() {
        assertThat(TemplateNames.unknown(List.of("incident.title", "statusUrl", "recipient.attributes.plan",
                "variables.eta", "incident.secret", "variables.a.b", "variables.", "class"))).containsExactly(
                "class", "incident.secret", "variables.", "variables.a.b");
    }
}
