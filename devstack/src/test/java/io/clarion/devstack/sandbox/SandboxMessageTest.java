package io.clarion.devstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A message whose body is written when first read: written once however often and on whichever thread it is read,
 * equal to the same message with its body given, and listed in the inbox's JSON with every field, as the record was.
 */
class SandboxMessageTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aBodyWrittenOnFirstReadIsWrittenOnceAndEqualsTheGivenOne() throws Exception {
        AtomicInteger written = new AtomicInteger();
        SandboxMessage lazy = SandboxMessage.withBodyOf("email", "r-1", "INC-1", 2L, "msg_1", AT,
                "/v2/email/outbound-bulk-emails", Map.of("x-clarion-recipient", "r-1"), () -> {
                    written.incrementAndGet();
                    return "{\"subject\":\"s\"}";
                });

        assertThat(written).hasValue(0);
        Thread[] readers = new Thread[8];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Thread(lazy::body);
            readers[i].start();
        }
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(lazy.body()).isEqualTo("{\"subject\":\"s\"}");
        assertThat(written).hasValue(1);
        assertThat(lazy).isEqualTo(new SandboxMessage("email", "r-1", "INC-1", 2L, "msg_1", AT,
                "/v2/email/outbound-bulk-emails", Map.of("x-clarion-recipient", "r-1"), "{\"subject\":\"s\"}"))
                .hasSameHashCodeAs(new SandboxMessage("email", "r-1", "INC-1", 2L, "msg_1", AT,
                        "/v2/email/outbound-bulk-emails", Map.of("x-clarion-recipient", "r-1"), "{\"subject\":\"s\"}"));
    }

    @Test
    void itsJsonHasTheRecordsFieldsInTheRecordsOrder() {
        SandboxMessage message = SandboxMessage.withBodyOf("sms", null, "INC-1", null, "msg_2", AT, "/sms",
                Map.of("to", "+15550100"), () -> "Body=hi");

        String json = JsonReplies.MAPPER.writeValueAsString(message);
        JsonNode node = JsonReplies.MAPPER.readTree(json);

        assertThat(node.propertyNames()).containsExactly("channel", "recipient", "incidentId", "version", "messageId",
                "receivedAt", "path", "headers", "body");
        assertThat(node.path("recipient").isNull()).isTrue();
        assertThat(node.path("body").stringValue()).isEqualTo("Body=hi");
        assertThat(node.path("headers").path("to").stringValue()).isEqualTo("+15550100");
    }
}
