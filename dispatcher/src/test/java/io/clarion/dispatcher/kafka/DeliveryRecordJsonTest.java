package io.clarion.dispatcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryRecord;
import io.clarion.core.delivery.RecipientContext;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.delivery.UpdateContent;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The streaming codec against Jackson data binding: the same JSON written, the same record read. */
class DeliveryRecordJsonTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DeliveryRecordJson codec = new DeliveryRecordJson(JSON);

    static List<DeliveryRecord> records() {
        RecipientContext full = new RecipientContext("de-CH", "gold",
                Map.of("name", "Zoë \"Z\" Müller", "team", "ops\n\u2028line", "empty", ""), "eu-west",
                List.of("checkout", "search"), "Europe/Zurich");
        return List.of(
                new DeliveryRecord("b-1", "INC-1", 3, "r-1", Channel.EMAIL, null, "r1@example.com", null, "acme", 1,
                        null, full, null),
                new DeliveryRecord("b-2", "INC-2", 1, "r/2", Channel.WEBHOOK, null, "https://h.example/x?a=1&b=\u00e9",
                        "s3cr\\et", "t", 7, "email:bounced", new RecipientContext(null, null, null), null),
                new DeliveryRecord("b-3", "INC-3", 12, "r-3", Channel.SMS, null, null, null, null, 0, null, null,
                        null),
                new DeliveryRecord("b-4", "INC-4", 2, "r-4", Channel.PUSH, null, "{\"platform\":\"fcm\"}", null,
                        "acme", 2, null, new RecipientContext("en", null, Map.of(), null, List.of(), null), null),
                // a retry's record: content and message, written and read by data binding
                new DeliveryRecord("b-5", "INC-5", 4, "r-5", Channel.EMAIL,
                        new UpdateContent("SEV1", "investigating", "Down", "Body", "tpl", Map.of("k", "v"),
                                Map.of("en", 2)), "r5@example.com", null, "acme", 3, null, full,
                        new RenderedMessage("tpl", 2, "en", "Subject", "Text", "<p>Html</p>")));
    }

    @ParameterizedTest
    @MethodSource("records")
    void writesWhatDataBindingWritesAndReadsWhatDataBindingReads(DeliveryRecord record) {
        String written = codec.write(record);

        assertThat(written).isEqualTo(JSON.writeValueAsString(record));
        assertThat(codec.read(written)).isEqualTo(record).isEqualTo(JSON.readValue(written, DeliveryRecord.class));
    }

    @Test
    void leanRecordsAreReadWithoutDataBindingAndARetrysRecordWithIt() {
        List<DeliveryRecord> records = records();
        for (DeliveryRecord record : records.subList(0, records.size() - 1)) {
            assertThat(codec.readLean(codec.write(record))).isEqualTo(record);
        }
        assertThat(codec.readLean(codec.write(records.get(records.size() - 1)))).isNull();
    }

    @Test
    void aRecordInAnotherShapeReadsAsDataBindingReadsIt() {
        List<String> values = List.of(
                // fields in another order, some missing (records written before they existed)
                "{\"attempt\":1,\"version\":2,\"channel\":\"SMS\",\"recipientId\":\"r\",\"incidentId\":\"I\",\"broadcastId\":\"b\"}",
                // no attempt: however data binding reads it (its mapper may refuse a missing number)
                "{\"version\":2,\"channel\":\"SMS\",\"recipientId\":\"r\",\"incidentId\":\"I\",\"broadcastId\":\"b\"}",
                // a field the streaming reader does not know
                "{\"broadcastId\":\"b\",\"incidentId\":\"I\",\"version\":2,\"recipientId\":\"r\",\"channel\":\"SMS\","
                        + "\"future\":{\"x\":[1,2]}}",
                // a number as a string, which data binding coerces
                "{\"broadcastId\":\"b\",\"incidentId\":\"I\",\"version\":\"5\",\"recipientId\":\"r\",\"channel\":\"EMAIL\"}",
                // a recipient field the streaming reader does not know
                "{\"broadcastId\":\"b\",\"incidentId\":\"I\",\"version\":1,\"recipientId\":\"r\",\"channel\":\"EMAIL\","
                        + "\"recipient\":{\"locale\":\"fr\",\"shoeSize\":44}}");
        for (String value : values) {
            assertThat(outcome(() -> codec.read(value))).as(value)
                    .isEqualTo(outcome(() -> JSON.readValue(value, DeliveryRecord.class)));
        }
    }

    /** The record read, or the class and message of what refused it. */
    private static Object outcome(Supplier<DeliveryRecord> read) {
        try {
            return read.get();
        } catch (RuntimeException refused) {
            return refused.getClass().getName() + ": " + refused.getMessage();
        }
    }

    @Test
    void whatDataBindingRefusesIsRefused() {
        assertThatThrownBy(() -> codec.read("{\"broadcastId\":\"b\",\"channel\":\"CARRIER_PIGEON\"}"))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> codec.read("not json")).isInstanceOf(JacksonException.class);
    }
}
