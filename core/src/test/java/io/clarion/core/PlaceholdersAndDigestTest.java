package io.clarion.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clarion.core.digest.Sha256;
import io.clarion.core.sql.Placeholders;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PlaceholdersAndDigestTest {

    @Test
    void numbersParametersRowByRow() {
        assertThat(Placeholders.rows(2, 3)).isEqualTo("($1, $2, $3), ($4, $5, $6)");
        assertThat(Placeholders.rows(1, 1)).isEqualTo("($1)");
    }

    @Test
    void refusesEmptyLists() {
        assertThatThrownBy(() -> Placeholders.rows(0, 3)).hasMessage("rows: 0, columns: 3 (expected: > 0)");
    }

    @Test
    void hashesUtf8Text() {
        assertThat(HexFormat.of().formatHex(Sha256.of("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
