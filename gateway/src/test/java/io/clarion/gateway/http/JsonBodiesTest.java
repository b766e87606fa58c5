package io.clarion.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clarion.core.validation.FieldError;
import io.clarion.gateway.problem.ProblemException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonBodiesTest {
    private final JsonBodies bodies = new JsonBodies(JsonMapper.builder().build());

    record Push(String platform, String token) {
    }

    record Contacts(String email, List<Push> push) {
    }

    record Person(String name, Map<String, String> attributes, Contacts contacts) {
    }

    @Test
    void aKnownBodyIsRead() {
        Person person = bodies.read(utf8("{\"name\":\"Zoë\",\"attributes\":{\"any\":\"key\"},"
                + "\"contacts\":{\"push\":[{\"platform\":\"fcm\",\"token\":\"t\"}]}}"), Person.class);
        assertThat(person.name()).isEqualTo("Zoë");
        assertThat(person.contacts().push()).containsExactly(new Push("fcm", "t"));
    }

    @Test
    void everyUnknownFieldIsNamedByItsPathWithTheFieldsExpectedThere() {
        ProblemException refused = refusal(utf8("{\"contcts\":{},\"name\":\"n\",\"contacts\":{\"emial\":\"x\","
                + "\"push\":[{\"platform\":\"fcm\"},{\"tokn\":[1,{\"a\":2}]}]},\"extra\":null}"), Person.class);

        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.errors()).extracting(FieldError::field)
                .containsExactly("contcts", "contacts.emial", "contacts.push[1].tokn", "extra");
        assertThat(refused.errors().get(0).reason())
                .isEqualTo("unknown field (expected one of: attributes, contacts, name)");
        assertThat(refused.errors().get(2).reason()).isEqualTo("unknown field (expected one of: platform, token)");
        assertThat(refused.getMessage()).contains("contcts, contacts.emial, contacts.push[1].tokn, extra");
    }

    @Test
    void keysOfAMapAreNotFields() {
        assertThat(bodies.read(utf8("{\"attributes\":{\"contcts\":\"x\"}}"), Person.class).attributes())
                .containsEntry("contcts", "x");
    }

    @Test
    void invalidUtf8IsRefusedNamingTheFieldItIsIn() {
        assertThat(utf8Refusal(bytes("{\"name\":\"caf", 0xC3, 0x28, "\"}")))
                .isEqualTo(new FieldError("name", "is not valid UTF-8 (byte 12; expected: UTF-8 text)"));
        assertThat(utf8Refusal(bytes("{\"contacts\":{\"email\":\"ok\",\"push\":[{\"token\":\"a\"},{\"token\":\"", 0xFF,
                "\"}]}}")).field()).isEqualTo("contacts.push[1].token");
        assertThat(utf8Refusal(bytes("{\"contacts\":{\"email\":\"ok\",\"na", 0xFF, "\":1}}")).field())
                .as("in a field name: the object it is in").isEqualTo("contacts");
        assertThat(utf8Refusal(bytes(0xFE, "{}")).field()).isEqualTo(JsonPaths.WHOLE_BODY);
    }

    @Test
    void overlongEncodingsAndLoneSurrogatesAreNotUtf8() {
        assertThat(StrictUtf8.decodeOrNull(bytes(0xC0, 0xAF))).isNull();
        assertThat(StrictUtf8.decodeOrNull(bytes(0xED, 0xA0, 0x80))).isNull();
        assertThat(StrictUtf8.malformedAt(bytes("ab", 0xF0, 0x9F, 0x98))).isEqualTo(2);
        assertThat(StrictUtf8.decodeOrNull(bytes(0xF0, 0x9F, 0x98, 0x80))).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void malformedJsonSaysWhereItStopped() {
        ProblemException refused = refusal(utf8("{\"name\": "), Person.class);
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.getMessage()).startsWith("the request body is not the expected JSON");
    }

    private FieldError utf8Refusal(byte[] body) {
        ProblemException refused = refusal(body, Person.class);
        assertThat(refused.status().value()).isEqualTo(400);
        return refused.errors().get(0);
    }

    private ProblemException refusal(byte[] body, Class<?> type) {
        return catchThrowableOfType(ProblemException.class, () -> bodies.read(body, type));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Strings as UTF-8, integers as single raw bytes. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(utf8((String) part));
            }
        }
        return out.toByteArray();
    }
}
