package io.clarion.dispatcher.kafka;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryRecord;
import io.clarion.core.delivery.RecipientContext;
import java.io.CharArrayWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of a {@link DeliveryRecord} on the deliveries topics, written and read field by field with Jackson's
 * streaming API for the record the expansion publishes a million times a broadcast: lean (no update content) and
 * not yet rendered (no message). Every other record (a retry's, which carries its content and message) and anything
 * the streaming reader does not expect (an unknown field, a value of another type) goes through the data-binding
 * mapper, so the fast path never reads a record differently: it is the same JSON, field for field, in the same order
 * as data binding writes.
 */
@Component
public class DeliveryRecordJson {
    private final JsonMapper json;

    public DeliveryRecordJson(JsonMapper json) {
        this.json = json;
    }

    /** The record's JSON, as {@code json.writeValueAsString(record)} writes it. */
    public String write(DeliveryRecord record) {
        if (!record.needsContent() || record.message() != null) {
            return json.writeValueAsString(record);
        }
        // not a StringWriter: its StringBuffer checks char by char whether the text still fits in Latin-1, while
        // CharArrayWriter.toString builds the String from the chars at once (intrinsic compression)
        CharArrayWriter out = new CharArrayWriter(320);
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("broadcastId", record.broadcastId());
            generator.writeStringProperty("incidentId", record.incidentId());
            generator.writeNumberProperty("version", record.version());
            generator.writeStringProperty("recipientId", record.recipientId());
            generator.writeStringProperty("channel", record.channel() == null ? null : record.channel().name());
            generator.writeNullProperty("content");
            generator.writeStringProperty("destination", record.destination());
            generator.writeStringProperty("secret", record.secret());
            generator.writeStringProperty("tenant", record.tenant());
            generator.writeNumberProperty("attempt", record.attempt());
            generator.writeStringProperty("unusable", record.unusable());
            generator.writeName("recipient");
            writeRecipient(generator, record.recipient());
            generator.writeNullProperty("message");
            generator.writeEndObject();
        }
        return out.toString();
    }

    /** The record {@code value} holds, as {@code json.readValue(value, DeliveryRecord.class)} reads it. */
    public DeliveryRecord read(String value) {
        DeliveryRecord lean = readLean(value);
        return lean != null ? lean : json.readValue(value, DeliveryRecord.class);
    }

    private static void writeRecipient(JsonGenerator generator, RecipientContext recipient) {
        if (recipient == null) {
            generator.writeNull();
            return;
        }
        generator.writeStartObject();
        generator.writeStringProperty("locale", recipient.locale());
        generator.writeStringProperty("tier", recipient.tier());
        generator.writeName("attributes");
        generator.writeStartObject();
        for (Map.Entry<String, String> attribute : recipient.attributes().entrySet()) {
            generator.writeStringProperty(attribute.getKey(), attribute.getValue());
        }
        generator.writeEndObject();
        generator.writeStringProperty("region", recipient.region());
        generator.writeName("services");
        generator.writeStartArray();
        for (String service : recipient.services()) {
            generator.writeString(service);
        }
        generator.writeEndArray();
        generator.writeStringProperty("timeZone", recipient.timeZone());
        generator.writeEndObject();
    }

    /** A lean, unrendered record as the streaming reader expects it; {@code null}: leave it to data binding. */
    DeliveryRecord readLean(String value) {
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Fields fields = new Fields();
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                if (!fields.read(name, valueToken, parser)) {
                    return null;
                }
            }
            return parser.nextToken() == null ? fields.record() : null;
        } catch (RuntimeException unexpected) {
            return null;
        }
    }

    /** What the streaming reader has read of one record. */
    private static final class Fields {
        private String broadcastId;
        private String incidentId;
        private int version;
        private String recipientId;
        private Channel channel;
        private String destination;
        private String secret;
        private String tenant;
        private int attempt;
        private String unusable;
        private RecipientContext recipient;
        /** Data binding decides what a record without these numbers reads as (its mapper may refuse it). */
        private boolean hasVersion;
        private boolean hasAttempt;

        /** Reads one field's value; {@code false}: not what a lean, unrendered record holds there. */
        boolean read(String name, JsonToken token, JsonParser parser) {
            switch (name) {
                case "broadcastId" -> broadcastId = text(token, parser);
                case "incidentId" -> incidentId = text(token, parser);
                case "recipientId" -> recipientId = text(token, parser);
                case "destination" -> destination = text(token, parser);
                case "secret" -> secret = text(token, parser);
                case "tenant" -> tenant = text(token, parser);
                case "unusable" -> unusable = text(token, parser);
                case "version" -> {
                    version = number(token, parser);
                    hasVersion = true;
                }
                case "attempt" -> {
                    attempt = number(token, parser);
                    hasAttempt = true;
                }
                case "channel" -> channel = token == JsonToken.VALUE_NULL ? null : Channel.valueOf(text(token, parser));
                case "content", "message" -> {
                    return token == JsonToken.VALUE_NULL;
                }
                case "recipient" -> recipient = recipient(token, parser);
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** The record read; {@code null}: a number is missing. */
        DeliveryRecord record() {
            if (!hasVersion || !hasAttempt) {
                return null;
            }
            return new DeliveryRecord(broadcastId, incidentId, version, recipientId, channel, null, destination,
                    secret, tenant, attempt, unusable, recipient, null);
        }

        private static RecipientContext recipient(JsonToken token, JsonParser parser) {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            expect(token, JsonToken.START_OBJECT);
            String locale = null;
            String tier = null;
            Map<String, String> attributes = null;
            String region = null;
            List<String> services = null;
            String timeZone = null;
            for (JsonToken next = parser.nextToken(); next == JsonToken.PROPERTY_NAME; next = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "locale" -> locale = text(value, parser);
                    case "tier" -> tier = text(value, parser);
                    case "region" -> region = text(value, parser);
                    case "timeZone" -> timeZone = text(value, parser);
                    case "attributes" -> attributes = attributes(value, parser);
                    case "services" -> services = services(value, parser);
                    default -> throw new IllegalStateException("unexpected recipient field " + name);
                }
            }
            expect(parser.currentToken(), JsonToken.END_OBJECT);
            return new RecipientContext(locale, tier, attributes, region, services, timeZone);
        }

        private static Map<String, String> attributes(JsonToken token, JsonParser parser) {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            expect(token, JsonToken.START_OBJECT);
            Map<String, String> attributes = new HashMap<>();
            for (JsonToken next = parser.nextToken(); next == JsonToken.PROPERTY_NAME; next = parser.nextToken()) {
                String name = parser.currentName();
                attributes.put(name, text(parser.nextToken(), parser));
            }
            expect(parser.currentToken(), JsonToken.END_OBJECT);
            return attributes;
        }

        private static List<String> services(JsonToken token, JsonParser parser) {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            expect(token, JsonToken.START_ARRAY);
            List<String> services = new ArrayList<>();
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                services.add(text(next, parser));
            }
            return services;
        }

        private static String text(JsonToken token, JsonParser parser) {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            expect(token, JsonToken.VALUE_STRING);
            return parser.getString();
        }

        private static int number(JsonToken token, JsonParser parser) {
            expect(token, JsonToken.VALUE_NUMBER_INT);
            return parser.getIntValue();
        }

        private static void expect(JsonToken actual, JsonToken expected) {
            if (actual != expected) {
                throw new IllegalStateException("expected " + expected + ", found " + actual);
            }
        }
    }
}
