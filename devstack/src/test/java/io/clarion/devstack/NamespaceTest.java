package io.clarion.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NamespaceTest {

    @Test
    void hintIsLowercasedAndReducedToIdentifierCharactersWithARandomSuffix() {
        Namespace namespace = Namespace.fresh("Delivery IT: über-Fast!", new Random(1));

        assertThat(namespace.database()).matches("t_delivery_it_ber_fast_[a-z0-9]{8}");
        assertThat(namespace.topicPrefix()).isEqualTo(namespace.database() + ".");
        assertThat(namespace.redisKeyPrefix()).isEqualTo(namespace.database() + ":");
        assertThat(namespace.topic("deliveries")).isEqualTo(namespace.database() + ".deliveries");
        assertThat(namespace.redisKey("dedupe")).isEqualTo(namespace.database() + ":dedupe");
    }

    @Test
    void twoNamespacesFromTheSameHintDiffer() {
        Random random = new Random();

        assertThat(Namespace.fresh("same", random)).isNotEqualTo(Namespace.fresh("same", random));
    }

    @Test
    void emptyOrLongHintsStillGiveAValidDatabaseName() {
        assertThat(Namespace.fresh("!!!", new Random()).database()).matches("t_ns_[a-z0-9]{8}");
        assertThat(Namespace.fresh("x".repeat(200), new Random()).database()).hasSizeLessThanOrEqualTo(63);
    }
}
