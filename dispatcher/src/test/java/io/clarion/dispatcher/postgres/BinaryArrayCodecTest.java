package io.clarion.dispatcher.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * {@link BinaryArray} parameters read back by the real PostgreSQL ({@code array_recv}) as the elements bound: the
 * codec is found by the driver's extension lookup alone (no registration in the test), and text needing quotes or
 * escapes in the text format, unicode, empty strings and nulls arrive unchanged.
 */
@ExtendWith(DevStackExtension.class)
class BinaryArrayCodecTest {
    private static DatabaseClient db;

    @BeforeAll
    static void connect(DevStack stack) {
        var postgres = stack.postgresCoordinates();
        String database = stack.newNamespace("binary-array").database();
        ConnectionFactory connections = ConnectionFactories.get(ConnectionFactoryOptions
                .parse(postgres.r2dbcUrl(database)).mutate()
                .option(ConnectionFactoryOptions.USER, postgres.user())
                .option(ConnectionFactoryOptions.PASSWORD, postgres.password()).build());
        db = DatabaseClient.create(connections);
    }

    @Test
    void textsArriveAsBoundWhateverTheyContain() {
        String[] texts = {"plain", "", null, "quote \" inside", "back\\slash", "{braces, comma}", "NULL",
                "ünïcödé 日本語 🚨", "line\nbreak\ttab", " padded "};

        List<String> read = elements("SELECT x FROM unnest($1::text[]) WITH ORDINALITY AS t (x, i) ORDER BY i",
                BinaryArray.texts(texts));

        assertThat(read).containsExactly(texts);
    }

    @Test
    void integersUuidsAndBytesArriveAsBound() {
        Integer[] integers = {1, null, -5, Integer.MAX_VALUE, Integer.MIN_VALUE};
        UUID[] uuids = {UUID.randomUUID(), null, new UUID(0, 0), new UUID(-1, -1)};
        byte[][] bytes = {{0, 1, (byte) 0xff}, null, {}};

        assertThat(elements("SELECT x::text FROM unnest($1::int[]) WITH ORDINALITY AS t (x, i) ORDER BY i",
                BinaryArray.integers(integers)))
                .containsExactly(Arrays.stream(integers).map(i -> i == null ? null : i.toString()).toArray(String[]::new));
        assertThat(elements("SELECT x::text FROM unnest($1::uuid[]) WITH ORDINALITY AS t (x, i) ORDER BY i",
                BinaryArray.uuids(uuids)))
                .containsExactly(Arrays.stream(uuids).map(u -> u == null ? null : u.toString()).toArray(String[]::new));
        assertThat(elements("SELECT encode(x, 'hex') FROM unnest($1::bytea[]) WITH ORDINALITY AS t (x, i) ORDER BY i",
                BinaryArray.bytes(bytes)))
                .containsExactly("0001ff", null, "");
    }

    @Test
    void anEmptyArrayHasNoElementsAndArraysOfOneStatementLineUp() {
        assertThat(db.sql("SELECT cardinality($1::text[]) AS n").bind(0, BinaryArray.texts(new String[0]))
                .map(row -> row.get("n", Integer.class)).one().block()).isZero();

        List<String> rows = db.sql("SELECT r || '/' || v AS row FROM unnest($1::text[], $2::int[]) AS t (r, v)")
                .bind(0, BinaryArray.texts(new String[] {"a", "b", "c"}))
                .bind(1, BinaryArray.integers(new Integer[] {1, 2, 3}))
                .map(row -> row.get("row", String.class)).all().collectList().block();
        assertThat(rows).containsExactly("a/1", "b/2", "c/3");
    }

    private static List<String> elements(String sql, BinaryArray array) {
        List<Optional<String>> read = db.sql(sql).bind(0, array)
                .map(row -> Optional.ofNullable(row.get(0, String.class))).all().collectList().block();
        return read.stream().map(element -> element.orElse(null)).toList();
    }
}
