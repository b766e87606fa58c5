package io.clarion.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void collectsEveryProblemWithItsPath() {
        var errors = new Violations()
                .required("title", " ")
                .maxLength("body", "x".repeat(11), 10)
                .identifier("id", "has space")
                .strings("tags", Arrays.asList("ok", null), 10)
                .errors();

        assertThat(errors).extracting(FieldError::field).containsExactly("title", "body", "id", "tags[1]");
        assertThat(errors.get(1).reason()).isEqualTo("has 11 characters (expected: at most 10)");
    }

    @Test
    void acceptsGoodValues() {
        assertThat(new Violations().required("a", "x").identifier("id", "INC-42:eu_1.2").isEmpty()).isTrue();
    }
}
